import { randomBytes } from 'node:crypto';
import {
  type APIInteraction,
  type APIMessage,
  GatewayDispatchEvents,
  type InteractionType,
  Locale,
  PermissionFlagsBits,
} from 'discord.js';
import type { FakeContext } from './context.ts';
import { type FixtureName, fixturePayload } from './fixtures.ts';
import type { Dispatch } from './gateway.ts';
import type { InteractionCallback, InteractionRecord } from './interaction-records.ts';
import { interactionMemberPayload } from './payloads.ts';
import type { FakeChannel } from './world.ts';

type Json = Record<string, unknown>;

/** What a test holds after a person interacts: the payload sent, and ways to await the bot's answers. */
export interface InteractionHandle {
  id: string;
  token: string;
  payload: APIInteraction;
  dispatch: Dispatch;
  /** The first answer (interaction callback) the bot gave. */
  response(timeoutMs?: number): Promise<InteractionCallback>;
  /** The message returned by the bot's follow-up call number `index` (0 for the first). */
  followUp(index?: number, timeoutMs?: number): Promise<APIMessage>;
  /** The reply, deferral placeholder or component message, as it stands now. */
  originalMessage(): APIMessage | undefined;
}

const attachmentSizeLimit = 10 * 1024 * 1024;
/** What Discord documents an app may do in a DM with its bot user. */
const directMessagePermissions =
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.MentionEveryone |
  PermissionFlagsBits.UseExternalEmojis;

function handleFor(context: FakeContext, record: InteractionRecord, dispatch: Dispatch): InteractionHandle {
  const { interactions, world } = context;
  return {
    id: record.id,
    token: record.token,
    payload: record.payload,
    dispatch,
    response: (timeoutMs = 2000) =>
      interactions.until(record, (current) => current.callback, timeoutMs, `an answer to interaction ${record.id}`),
    followUp: (index = 0, timeoutMs = 2000) =>
      interactions.until(
        record,
        (current) => {
          const id = current.followUpIds[index];
          return id === undefined ? undefined : world.messages.get(id);
        },
        timeoutMs,
        `follow-up ${index} of interaction ${record.id}`,
      ),
    originalMessage: () => (record.originalMessageId ? world.messages.get(record.originalMessageId) : undefined),
  };
}

/** Builds an INTERACTION_CREATE from the recorded one of its kind, dispatches it and starts its record. */
export function interact(
  context: FakeContext,
  fixture: FixtureName,
  init: {
    type: InteractionType;
    userId: string;
    channel: FakeChannel;
    data: unknown;
    message?: APIMessage;
    openerId?: string;
  },
): InteractionHandle {
  const { world, gateway, interactions } = context;
  const user = world.users.get(init.userId);
  if (!user) throw new Error(`Unknown user ${init.userId}`);
  const guild = world.guildOf(init.channel);
  if (guild && !guild.members.has(init.userId)) throw new Error(`${user.data.username} is not in ${guild.name}`);
  // Fields that depend on where the interaction happens are set below.
  const { guild_id, guild: _guild, guild_locale, member, message, ...shape } = fixturePayload<Json>(fixture);
  const id = world.nextId();
  const token = Buffer.from(`interaction:${id}:${randomBytes(24).toString('base64url')}`).toString('base64url');
  const botDenied = world.overwritesFor(world.accessOf(init.channel))[0]?.deny ?? '0';
  const { permission_overwrites: _overwrites, ...channel } = init.channel.data as unknown as Json;
  const payload = {
    ...shape,
    id,
    token,
    type: init.type,
    version: 1,
    application_id: world.applicationId,
    data: init.data,
    channel_id: init.channel.data.id,
    locale: Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: attachmentSizeLimit,
    context: guild ? 0 : 1,
    authorizing_integration_owners: { '0': guild?.id ?? '0' },
    ...(init.message && { message: init.message }),
    ...(guild
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
          guild_locale: Locale.EnglishUS,
          member: interactionMemberPayload(world, guild, init.userId),
          channel: { ...channel, permissions: world.permissionsOf(guild, init.userId).toString() },
          app_permissions: (world.permissionsOf(guild, world.bot.id) & ~BigInt(botDenied)).toString(),
        }
      : { user: user.data, channel, app_permissions: directMessagePermissions.toString() }),
  } as unknown as APIInteraction;
  const record: InteractionRecord = {
    ...(init.openerId && { openerId: init.openerId }),
    id,
    token,
    type: init.type,
    payload,
    channelId: init.channel.data.id,
    userId: init.userId,
    dispatchedAt: context.clock.now(),
    placeholderPending: false,
    followUpIds: [],
  };
  interactions.add(record);
  return handleFor(context, record, gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload));
}

/** A channel the simulation refers to; a typo in a test fails loudly. */
export function knownChannel(context: FakeContext, channelId: string): FakeChannel {
  const channel = context.world.findChannel(channelId);
  if (!channel) throw new Error(`Unknown channel ${channelId}`);
  return channel;
}
