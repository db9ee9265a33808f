import { type APIMessage, ChannelType } from 'discord.js';
import { deleteBotMessage, editBotMessage, sendBotMessage } from './bot-messages.ts';
import type { FakeContext } from './context.ts';
import { cannotEditOthersMessage, cannotMessageUser, nonTextChannel } from './errors.ts';
import { FormErrors } from './form-errors.ts';
import { contentIsWithheld, withoutContent } from './message-content.ts';
import { json, noContent, type RestRequest, type Route } from './router.ts';
import type { FakeChannel } from './world.ts';

type Json = Record<string, unknown>;

const textTypes = new Set<ChannelType>([
  ChannelType.GuildText,
  ChannelType.DM,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

/** A message as the bot reads it over REST: without content when the app lacks the MessageContent intent. */
function asRead(context: FakeContext, channel: FakeChannel, message: APIMessage): APIMessage {
  const { world } = context;
  const withheld =
    world.messageContent !== 'enabled' && contentIsWithheld(message, world.bot.id, Boolean(world.guildOf(channel)));
  return withheld ? withoutContent(message) : message;
}

/** Newest first, like Discord, whichever of before, after or around is given. */
function listMessages(context: FakeContext, request: RestRequest) {
  const channel = context.world.channelFor(request.params.channelId ?? '', 'read');
  const { query } = request;
  const errors = new FormErrors();
  const limit = query.has('limit') ? Number(query.get('limit')) : 50;
  errors.range(['limit'], limit, 1, 100);
  errors.throwIfAny();
  const all = context.world.history(channel.data.id);
  const older = (a: string, b: string) => BigInt(a) < BigInt(b);
  const before = query.get('before');
  const after = query.get('after');
  const around = query.get('around');
  let page: APIMessage[];
  if (after) page = all.filter((message) => older(after, message.id)).slice(0, limit);
  else if (before) page = all.filter((message) => older(message.id, before)).slice(-limit);
  else if (around) {
    const index = Math.max(
      0,
      all.findIndex((message) => !older(message.id, around)),
    );
    const start = Math.max(0, index - Math.floor(limit / 2));
    page = all.slice(start, start + limit);
  } else page = all.slice(-limit);
  return json(page.reverse().map((message) => asRead(context, channel, message)));
}

function referencedMessage(context: FakeContext, channel: FakeChannel, body: Json): APIMessage | undefined {
  const reference = body.message_reference as
    | { message_id?: string; channel_id?: string; fail_if_not_exists?: boolean }
    | undefined;
  if (!reference?.message_id) return undefined;
  const message = context.world.messages.get(reference.message_id);
  const sameChannel = message && message.channel_id === (reference.channel_id ?? channel.data.id);
  if (sameChannel || reference.fail_if_not_exists === false) return sameChannel ? message : undefined;
  const errors = new FormErrors();
  errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
  errors.throwIfAny();
  return undefined;
}

function postMessage(context: FakeContext, request: RestRequest) {
  const { world } = context;
  const channel = world.channelFor(request.params.channelId ?? '', 'write');
  if (!textTypes.has(channel.data.type)) throw nonTextChannel();
  if (channel.data.type === ChannelType.DM) {
    const recipient = channel.data.recipients?.[0];
    if (recipient && !world.userFor(recipient.id).acceptsDirectMessages) throw cannotMessageUser();
  }
  const body = (request.body ?? {}) as Json;
  const replyTo = referencedMessage(context, channel, body);
  return json(sendBotMessage(context, channel, body, request.files, replyTo ? { replyTo } : {}));
}

function ownMessage(context: FakeContext, request: RestRequest, intent: 'read' | 'write') {
  const channel = context.world.channelFor(request.params.channelId ?? '', intent);
  return { channel, message: context.world.messageIn(channel.data.id, request.params.messageId ?? '') };
}

/** Channels, their messages, and DM channels. */
export function messageRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/channels/:channelId',
      handle: (request) => json(context.world.channelFor(request.params.channelId ?? '', 'read').data),
    },
    { method: 'GET', pattern: '/channels/:channelId/messages', handle: (request) => listMessages(context, request) },
    { method: 'POST', pattern: '/channels/:channelId/messages', handle: (request) => postMessage(context, request) },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages/:messageId',
      handle: (request) => {
        const { channel, message } = ownMessage(context, request, 'read');
        return json(asRead(context, channel, message));
      },
    },
    {
      method: 'PATCH',
      pattern: '/channels/:channelId/messages/:messageId',
      handle: (request) => {
        const { message } = ownMessage(context, request, 'write');
        if (message.author.id !== context.world.bot.id) throw cannotEditOthersMessage();
        return json(editBotMessage(context, message, (request.body ?? {}) as Json, request.files));
      },
    },
    {
      method: 'DELETE',
      pattern: '/channels/:channelId/messages/:messageId',
      handle: (request) => {
        deleteBotMessage(context, ownMessage(context, request, 'read').message);
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: '/users/@me/channels',
      handle: (request) => {
        const { recipient_id: recipientId } = (request.body ?? {}) as { recipient_id?: string };
        return json(context.world.dmChannelWith(recipientId ?? '').data);
      },
    },
  ];
}
