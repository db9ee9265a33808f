import { type APIMessage, GatewayDispatchEvents, MessageFlags } from 'discord.js';
import { attachmentsFor } from './attachments.ts';
import type { UploadedFile } from './call-log.ts';
import type { FakeContext } from './context.ts';
import { buildMessage, type MessageDraft, numberComponents } from './messages.ts';
import { messageEventPayload } from './payloads.ts';
import { checkMessageBody, checkNotEmpty } from './validate-message.ts';
import type { FakeChannel } from './world.ts';

type Json = Record<string, unknown>;

/** Flags a bot may set when sending; the others are Discord's to set. */
const settableFlags =
  MessageFlags.SuppressEmbeds |
  MessageFlags.SuppressNotifications |
  MessageFlags.IsComponentsV2 |
  MessageFlags.Ephemeral;

export const isEphemeral = (message: APIMessage) => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/** Validates, stores and (unless ephemeral) dispatches a message the bot sends. */
export function sendBotMessage(
  context: FakeContext,
  channel: FakeChannel,
  body: Json,
  files: UploadedFile[],
  draft: Partial<MessageDraft> = {},
): APIMessage {
  const { world } = context;
  checkMessageBody(body);
  const attachments = attachmentsFor(world, channel.data.id, body, files);
  checkNotEmpty(body, attachments.length);
  const allowedMentions = body.allowed_mentions as { replied_user?: boolean } | undefined;
  const message = buildMessage(world, {
    channel,
    author: world.bot,
    content: body.content as string | undefined,
    embeds: body.embeds as MessageDraft['embeds'],
    components: body.components as MessageDraft['components'],
    attachments,
    flags: ((body.flags as number | undefined) ?? 0) & settableFlags,
    mentionRepliedUser: allowedMentions?.replied_user !== false,
    ...draft,
  });
  return publishMessage(context, message);
}

/** Stores a new message and, unless it is ephemeral, dispatches its MESSAGE_CREATE. */
export function publishMessage(context: FakeContext, message: APIMessage): APIMessage {
  const { world, gateway } = context;
  const ephemeral = isEphemeral(message);
  world.storeMessage(message, ephemeral);
  if (!ephemeral) gateway.dispatch(GatewayDispatchEvents.MessageCreate, messageEventPayload(world, message));
  return message;
}

/** Applies an edit; fields left out stay as they were, `null` clears them. A deferral's placeholder stops loading. */
export function editBotMessage(
  context: FakeContext,
  message: APIMessage,
  body: Json,
  files: UploadedFile[],
): APIMessage {
  const { world, gateway } = context;
  checkMessageBody({ ...body, flags: message.flags });
  const has = (field: string) => field in body && body[field] !== undefined;
  const edited: APIMessage = {
    ...message,
    content: has('content') ? ((body.content as string | null) ?? '') : message.content,
    embeds: has('embeds') ? ((body.embeds as APIMessage['embeds'] | null) ?? []) : message.embeds,
    components: has('components')
      ? numberComponents((body.components as NonNullable<APIMessage['components']> | null) ?? [])
      : message.components,
    attachments: attachmentsFor(world, message.channel_id, body, files, message.attachments),
    flags: (message.flags ?? 0) & ~MessageFlags.Loading,
    edited_timestamp: new Date().toISOString(),
  };
  checkNotEmpty(edited, edited.attachments.length);
  world.messages.set(edited.id, edited);
  if (!isEphemeral(edited)) gateway.dispatch(GatewayDispatchEvents.MessageUpdate, messageEventPayload(world, edited));
  return edited;
}

export function deleteBotMessage(context: FakeContext, message: APIMessage): void {
  const { world, gateway } = context;
  world.forgetMessage(message);
  if (isEphemeral(message)) return;
  const channel = world.findChannel(message.channel_id);
  const guildId = channel && world.guildOf(channel)?.id;
  gateway.dispatch(GatewayDispatchEvents.MessageDelete, {
    id: message.id,
    channel_id: message.channel_id,
    ...(guildId && { guild_id: guildId }),
  });
}
