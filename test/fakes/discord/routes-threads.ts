import {
  type APIGuildForumChannel,
  type APIThreadChannel,
  ChannelFlags,
  ChannelType,
  GatewayDispatchEvents,
  MessageFlags,
} from 'discord.js';
import { attachmentsFor } from './attachments.ts';
import { publishMessage } from './bot-messages.ts';
import { threadPayload } from './channel-payloads.ts';
import type { FakeContext } from './context.ts';
import { tagRequired, threadAlreadyExists, wrongChannelType } from './errors.ts';
import { FormErrors } from './form-errors.ts';
import { buildMessage, type MessageDraft } from './messages.ts';
import { messageEventPayload } from './payloads.ts';
import { json, type RestRequest, type Route } from './router.ts';
import { checkMessageBody, checkNotEmpty, checkThreadName } from './validate-message.ts';
import type { FakeChannel } from './world.ts';

type Json = Record<string, unknown>;

function openThread(context: FakeContext, parent: FakeChannel, id: string, body: Json, appliedTags?: string[]) {
  const { world, gateway } = context;
  const guildId = world.guildOf(parent)?.id ?? '';
  const thread = threadPayload({
    id,
    guildId,
    parentId: parent.data.id,
    name: body.name as string,
    ownerId: world.bot.id,
    autoArchiveMinutes: body.auto_archive_duration as number | undefined,
    appliedTags,
  });
  const channel: FakeChannel = { data: thread, access: 'full', messageIds: [] };
  world.channels.set(id, channel);
  gateway.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
  return channel;
}

/** A thread on an existing message; like Discord, the thread takes the message's id. */
function threadFromMessage(context: FakeContext, request: RestRequest) {
  const { world, gateway } = context;
  const parent = world.channelFor(request.params.channelId ?? '', 'write');
  if (parent.data.type !== ChannelType.GuildText) throw wrongChannelType();
  const message = world.messageIn(parent.data.id, request.params.messageId ?? '');
  if (message.thread) throw threadAlreadyExists();
  const body = (request.body ?? {}) as Json;
  const errors = new FormErrors();
  checkThreadName(body.name, errors);
  errors.throwIfAny();
  const thread = openThread(context, parent, message.id, body).data as APIThreadChannel;
  const updated = { ...message, thread, flags: (message.flags ?? 0) | MessageFlags.HasThread };
  world.messages.set(message.id, updated);
  gateway.dispatch(GatewayDispatchEvents.MessageUpdate, messageEventPayload(world, updated));
  return json(thread, 201);
}

/** A forum post: a thread whose first message shares its id, with tags from the forum's available_tags. */
function forumPost(context: FakeContext, forum: FakeChannel & { data: APIGuildForumChannel }, request: RestRequest) {
  const { world } = context;
  const body = (request.body ?? {}) as Json;
  const errors = new FormErrors();
  checkThreadName(body.name, errors);
  errors.length(['applied_tags'], body.applied_tags, { max: 5 });
  const appliedTags = Array.isArray(body.applied_tags) ? (body.applied_tags as string[]) : [];
  appliedTags.forEach((tagId, index) => {
    if (!forum.data.available_tags.some((tag) => tag.id === tagId)) {
      errors.add(['applied_tags', index], 'FORUM_TAG_UNKNOWN', `Unknown tag: ${tagId}`);
    }
  });
  if (typeof body.message !== 'object' || body.message === null) {
    errors.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
  }
  errors.throwIfAny();
  const messageBody = body.message as Json;
  checkMessageBody(messageBody, ['message']);
  if (appliedTags.length === 0 && ((forum.data.flags ?? 0) & ChannelFlags.RequireTag) !== 0) throw tagRequired();
  const id = world.nextId();
  const attachments = attachmentsFor(world, id, messageBody, request.files);
  checkNotEmpty(messageBody, attachments.length);
  const channel = openThread(context, forum, id, body, appliedTags);
  const starter = buildMessage(world, {
    channel,
    author: world.bot,
    content: messageBody.content as string | undefined,
    embeds: messageBody.embeds as MessageDraft['embeds'],
    components: messageBody.components as MessageDraft['components'],
    attachments,
    extra: { id },
  });
  publishMessage(context, starter);
  return json({ ...channel.data, message: starter }, 201);
}

function startThread(context: FakeContext, request: RestRequest) {
  const parent = context.world.channelFor(request.params.channelId ?? '', 'write');
  if (parent.data.type === ChannelType.GuildForum) {
    return forumPost(context, parent as FakeChannel & { data: APIGuildForumChannel }, request);
  }
  if (parent.data.type !== ChannelType.GuildText) throw wrongChannelType();
  const body = (request.body ?? {}) as Json;
  const errors = new FormErrors();
  checkThreadName(body.name, errors);
  errors.throwIfAny();
  return json(openThread(context, parent, context.world.nextId(), body).data, 201);
}

/** Threads from a message, threads without one, and forum posts. */
export function threadRoutes(context: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages/:messageId/threads',
      handle: (request) => threadFromMessage(context, request),
    },
    { method: 'POST', pattern: '/channels/:channelId/threads', handle: (request) => startThread(context, request) },
  ];
}
