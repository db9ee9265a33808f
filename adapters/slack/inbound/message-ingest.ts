import type {
  ResponseDeletedEvent,
  ResponseEditedEvent,
  ResponsePostedEvent,
} from '../../../src/core/inbound/inbound-event.ts';
import { threadOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { Attachment } from '../../../src/core/types.ts';
import { unescapeSlack } from '../outbound/mrkdwn.ts';
import { messageRef, threadReplyHandle, tsToDate } from '../refs.ts';
import type { SlackContext, SlackMessage } from '../slack-context.ts';
import { messageDecision } from './message-subtypes.ts';
import { findReplyTarget } from './reply-target.ts';

/** Subtypes that are a person writing in the thread; joins, bot posts, topic changes and the like are not. */
/** A person's reply in some thread (the question's thread is checked later), as message-subtypes.ts decides. */
export function isHumanReply(message: SlackMessage): message is SlackMessage & { user: string; thread_ts: string } {
  if (!message.thread_ts || message.thread_ts === message.ts) return false;
  return messageDecision(message).counts;
}

function attachmentsOf(message: SlackMessage): Attachment[] {
  return (message.files ?? [])
    .map((file) => ({ name: file.name ?? file.title ?? 'file', url: file.permalink ?? file.url_private ?? '' }))
    .filter((file) => file.url !== '');
}

/** The inbox keys of what happens to one message: the same whether Slack tells it live or catch-up finds it. */
export const slackKeys = {
  reply: (team: string, channel: string, ts: string) => messageRef(team, channel, ts),
  edit: (team: string, channel: string, ts: string, editedTs: string) =>
    `${messageRef(team, channel, ts)}:edit:${editedTs}`,
  deletion: (team: string, channel: string, ts: string) => `${messageRef(team, channel, ts)}:deleted`,
};

/**
 * A reply in a question's thread as the core's event, whether it came as a live event or through catch-up: both
 * key it by the message itself, so the same message is one event however often it arrives. Null when the thread
 * is not a question's.
 */
export async function replyEvent(
  ctx: SlackContext,
  team: string,
  channel: string,
  message: SlackMessage & { user: string; thread_ts: string },
): Promise<ResponsePostedEvent | null> {
  const containerRef = messageRef(team, channel, message.thread_ts);
  const posting = await ctx.consultation.read.postingAt(containerRef);
  if (!posting) return null;
  const ref = slackKeys.reply(team, channel, message.ts);
  const body = unescapeSlack(message.text ?? '');
  const replyToRef = await findReplyTarget(
    ctx.consultation.read,
    posting,
    { team, channel, threadTs: message.thread_ts },
    body,
  );
  return {
    kind: 'response.posted',
    platform: 'slack',
    key: ref,
    orderingKey: threadOrder(containerRef),
    notice: {
      platformUserId: message.user,
      workspaceId: team,
      channel: { platform: 'slack', workspaceId: team, channelId: channel },
      replyHandle: threadReplyHandle(channel, message.thread_ts),
    },
    payload: {
      platform: 'slack',
      containerRef,
      messageRef: ref,
      author: {
        platform: 'slack',
        platformUserId: message.user,
        displayName: ctx.people.knownName(team, message.user),
      },
      body,
      replyToRef,
      attachments: attachmentsOf(message),
      idempotencyKey: ref,
      at: tsToDate(message.ts),
    },
  };
}

/** An edited reply adds a revision, once per edit however often Slack tells us. */
export function editEvent(
  team: string,
  channel: string,
  message: SlackMessage & { thread_ts: string },
  eventTs: string,
): ResponseEditedEvent {
  const ref = messageRef(team, channel, message.ts);
  const editedAt = message.edited?.ts ?? eventTs;
  const key = slackKeys.edit(team, channel, message.ts, editedAt);
  return {
    kind: 'response.edited',
    platform: 'slack',
    key,
    orderingKey: threadOrder(messageRef(team, channel, message.thread_ts)),
    notice: null,
    payload: { messageRef: ref, body: unescapeSlack(message.text ?? ''), idempotencyKey: key, at: tsToDate(editedAt) },
  };
}

/** A deleted reply is marked deleted: kept for the audit, out of digests. */
export function deletionEvent(
  team: string,
  channel: string,
  deletedTs: string,
  threadTs: string,
  at: Date,
): ResponseDeletedEvent {
  return {
    kind: 'response.deleted',
    platform: 'slack',
    key: slackKeys.deletion(team, channel, deletedTs),
    orderingKey: threadOrder(messageRef(team, channel, threadTs)),
    notice: null,
    payload: { messageRef: messageRef(team, channel, deletedTs), at },
  };
}
