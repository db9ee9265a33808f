import { type APIMessage, ChannelType, GatewayDispatchEvents } from 'discord.js';
import { storeAttachment } from './attachments.ts';
import type { FakeContext } from './context.ts';
import type { Dispatch } from './gateway.ts';
import { buildMessage } from './messages.ts';
import { messageEventPayload } from './payloads.ts';

export interface UserMessage {
  channelId: string;
  userId: string;
  content: string;
  /** Id of a message in the same channel to reply to. */
  replyTo?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
  /** Store the message without dispatching it, as if it was sent while the bot was away. */
  offline?: boolean;
  /**
   * Store it and build its MESSAGE_CREATE without sending it: the test sends it later with `replay`, so that
   * other events (its edit, its deletion) overtake it, as they can on Discord.
   */
  held?: boolean;
}

export interface SimulatedMessage {
  message: APIMessage;
  /** What was dispatched; absent for offline changes. */
  dispatch?: Dispatch;
}

const postable = new Set<ChannelType>([
  ChannelType.GuildText,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.DM,
]);

function peopleMessage(context: FakeContext, messageId: string): APIMessage {
  const message = context.world.messages.get(messageId);
  if (!message) throw new Error(`No message ${messageId}`);
  if (message.author.id === context.world.bot.id) throw new Error(`Message ${messageId} is the bot's, not a person's`);
  return message;
}

/** A person posts in a channel, thread or their DM with the bot; MESSAGE_CREATE carries member and guild_id. */
export function userSendsMessage(context: FakeContext, input: UserMessage): SimulatedMessage {
  const { world, gateway } = context;
  const user = world.users.get(input.userId);
  const channel = world.findChannel(input.channelId);
  if (!user || !channel) throw new Error(`Unknown user ${input.userId} or channel ${input.channelId}`);
  if (!postable.has(channel.data.type)) throw new Error(`Nobody can post directly in channel ${input.channelId}`);
  const guild = world.guildOf(channel);
  if (guild && !guild.members.has(user.data.id)) throw new Error(`${user.data.username} is not in ${guild.name}`);
  if (channel.data.type === ChannelType.DM && channel.data.recipients?.[0]?.id !== user.data.id) {
    throw new Error(`Channel ${input.channelId} is not ${user.data.username}'s DM with the bot`);
  }
  if (input.content.length > 2000) throw new Error('People cannot send more than 2000 characters either');
  const replyTo = input.replyTo === undefined ? undefined : world.messages.get(input.replyTo);
  if (input.replyTo !== undefined && replyTo?.channel_id !== channel.data.id) {
    throw new Error(`No message ${input.replyTo} to reply to in channel ${input.channelId}`);
  }
  const attachments = (input.attachments ?? []).map((file) =>
    storeAttachment(world, channel.data.id, {
      filename: file.filename,
      contentType: file.contentType ?? 'application/octet-stream',
      bytes: Buffer.from(file.content),
    }),
  );
  const message = buildMessage(world, { channel, author: user.data, content: input.content, attachments, replyTo });
  world.storeMessage(message);
  if (input.offline) return { message };
  const payload = messageEventPayload(world, message);
  if (input.held) return { message, dispatch: { t: GatewayDispatchEvents.MessageCreate, d: payload } };
  return { message, dispatch: gateway.dispatch(GatewayDispatchEvents.MessageCreate, payload) };
}

/** A person edits their message; MESSAGE_UPDATE carries the whole message, as Discord sends it. */
export function userEditsMessage(
  context: FakeContext,
  input: { messageId: string; content: string; offline?: boolean },
): SimulatedMessage {
  const { world, gateway } = context;
  const message = {
    ...peopleMessage(context, input.messageId),
    content: input.content,
    edited_timestamp: new Date().toISOString(),
  };
  world.messages.set(message.id, message);
  if (input.offline) return { message };
  return {
    message,
    dispatch: gateway.dispatch(GatewayDispatchEvents.MessageUpdate, messageEventPayload(world, message)),
  };
}

/** A person deletes their message; MESSAGE_DELETE carries only ids. */
export function userDeletesMessage(
  context: FakeContext,
  input: { messageId: string; offline?: boolean },
): SimulatedMessage {
  const { world, gateway } = context;
  const message = peopleMessage(context, input.messageId);
  world.forgetMessage(message);
  if (input.offline) return { message };
  const channel = world.findChannel(message.channel_id);
  const guildId = channel && world.guildOf(channel)?.id;
  const payload = { id: message.id, channel_id: message.channel_id, ...(guildId && { guild_id: guildId }) };
  return { message, dispatch: gateway.dispatch(GatewayDispatchEvents.MessageDelete, payload) };
}
