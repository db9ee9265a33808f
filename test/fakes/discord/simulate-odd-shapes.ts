// What people and Discord do that the ordinary simulations do not: forwards, bulk deletions, link unfurls, and
// payloads with only the fields Discord's documentation marks as always present.
import {
  type APIMessage,
  GatewayDispatchEvents,
  MessageFlags,
  MessageReferenceType,
  type MessageType,
} from 'discord.js';
import type { FakeContext } from './context.ts';
import type { Dispatch } from './gateway.ts';
import { buildMessage } from './messages.ts';
import { messageEventPayload } from './payloads.ts';
import type { SimulatedMessage } from './simulate-messages.ts';

/**
 * A person forwards a message into a channel: the forward's own content is empty, its reference has type 1
 * (Forward) and names the original, and the original's text and files travel in `message_snapshots`.
 */
export function userForwardsMessage(
  context: FakeContext,
  input: { messageId: string; toChannelId: string; userId: string },
): SimulatedMessage {
  const { world, gateway } = context;
  const original = world.messages.get(input.messageId);
  const channel = world.findChannel(input.toChannelId);
  const user = world.users.get(input.userId);
  if (!original || !channel || !user) throw new Error('Unknown message, channel or user to forward');
  const from = world.findChannel(original.channel_id);
  const fromGuild = from && world.guildOf(from);
  const message = buildMessage(world, {
    channel,
    author: user.data,
    content: '',
    flags: MessageFlags.HasSnapshot,
    extra: {
      message_reference: {
        type: MessageReferenceType.Forward,
        message_id: original.id,
        channel_id: original.channel_id,
        ...(fromGuild && { guild_id: fromGuild.id }),
      },
      message_snapshots: [
        {
          message: {
            type: original.type,
            content: original.content,
            embeds: original.embeds,
            attachments: original.attachments,
            timestamp: original.timestamp,
            edited_timestamp: original.edited_timestamp,
            ...(original.flags !== undefined && { flags: original.flags }),
            mentions: original.mentions,
            mention_roles: original.mention_roles,
          },
        },
      ],
    },
  });
  world.storeMessage(message);
  return {
    message,
    dispatch: gateway.dispatch(GatewayDispatchEvents.MessageCreate, messageEventPayload(world, message)),
  };
}

/** A moderator deletes several messages of one channel at once: one MESSAGE_DELETE_BULK with their ids. */
export function moderatorBulkDeletes(context: FakeContext, input: { channelId: string; messageIds: string[] }) {
  const { world, gateway } = context;
  const channel = world.findChannel(input.channelId);
  if (!channel) throw new Error(`Unknown channel ${input.channelId}`);
  for (const id of input.messageIds) {
    const message = world.messages.get(id);
    if (message?.channel_id !== channel.data.id) throw new Error(`No message ${id} in ${input.channelId}`);
    world.forgetMessage(message);
  }
  const guild = world.guildOf(channel);
  return gateway.dispatch(GatewayDispatchEvents.MessageDeleteBulk, {
    ids: input.messageIds,
    channel_id: channel.data.id,
    ...(guild && { guild_id: guild.id }),
  });
}

/**
 * Discord unfurls a link in a message: MESSAGE_UPDATE with the embed added and `edited_timestamp` still null,
 * which is not an edit by its author.
 */
export function linkUnfurled(context: FakeContext, input: { messageId: string; url: string }): SimulatedMessage {
  const { world, gateway } = context;
  const current = world.messages.get(input.messageId);
  if (!current) throw new Error(`No message ${input.messageId}`);
  const message: APIMessage = {
    ...current,
    embeds: [...current.embeds, { type: 'link' as never, url: input.url, title: input.url }],
  };
  world.messages.set(message.id, message);
  return {
    message,
    dispatch: gateway.dispatch(GatewayDispatchEvents.MessageUpdate, messageEventPayload(world, message)),
  };
}

/** The same dispatch with the optional fields left out that Discord's documentation says may be absent. */
export function withoutOptionalFields(dispatch: Dispatch): Dispatch {
  const OPTIONAL = [
    'member',
    'nonce',
    'flags',
    'components',
    'sticker_items',
    'referenced_message',
    'message_reference',
    'mention_channels',
    'reactions',
    'application_id',
    'interaction_metadata',
    'thread',
    'position',
    'channel_type',
  ];
  const d = { ...(dispatch.d as Record<string, unknown>) };
  for (const field of OPTIONAL) delete d[field];
  return { t: dispatch.t, d };
}

/**
 * Another application posts: a bot user's message (`author.bot`), or a webhook's, whose author is the webhook
 * itself (its id and name, not a real user) and which carries `webhook_id`.
 */
export function otherAppPosts(
  context: FakeContext,
  input: { channelId: string; content: string; via: 'bot' | 'webhook' },
): SimulatedMessage {
  const { world, gateway } = context;
  const channel = world.findChannel(input.channelId);
  if (!channel) throw new Error(`Unknown channel ${input.channelId}`);
  const webhookId = '1300000000000000077';
  const author =
    input.via === 'bot'
      ? {
          id: '1300000000000000066',
          username: 'standup-helper',
          discriminator: '0',
          global_name: null,
          avatar: null,
          bot: true,
        }
      : { id: webhookId, username: 'Build status', discriminator: '0000', global_name: null, avatar: null };
  const message = buildMessage(world, {
    channel,
    author,
    content: input.content,
    ...(input.via === 'webhook' && { extra: { webhook_id: webhookId } }),
  });
  world.storeMessage(message);
  return {
    message,
    dispatch: gateway.dispatch(GatewayDispatchEvents.MessageCreate, messageEventPayload(world, message)),
  };
}

/** Discord's own notice in a channel, on a person's behalf: a pin, a join, a thread started (non-zero `type`). */
export function systemMessage(
  context: FakeContext,
  input: { channelId: string; userId: string; type: MessageType },
): SimulatedMessage {
  const { world, gateway } = context;
  const channel = world.findChannel(input.channelId);
  const user = world.users.get(input.userId);
  if (!channel || !user) throw new Error(`Unknown channel ${input.channelId} or user ${input.userId}`);
  const message = buildMessage(world, { channel, author: user.data, content: '', type: input.type });
  world.storeMessage(message);
  return {
    message,
    dispatch: gateway.dispatch(GatewayDispatchEvents.MessageCreate, messageEventPayload(world, message)),
  };
}
