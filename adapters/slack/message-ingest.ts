import type { ResponseOutcome } from '../../src/core/consultation/record-response.ts';
import { recordDeletion, recordEdit, recordResponse } from '../../src/core/consultation/record-response.ts';
import type { Attachment } from '../../src/core/types.ts';
import { slackDate } from './date-token.ts';
import { nextTurn } from './event-lane.ts';
import { isPersonsEdit, messageDecision } from './message-subtypes.ts';
import { shown, unescapeSlack } from './mrkdwn.ts';
import { notify } from './notices.ts';
import { messageRef, tsToDate } from './refs.ts';
import { findReplyTarget } from './reply-target.ts';
import type { SlackContext, SlackMessage } from './slack-context.ts';

/** A person's reply in some thread (the question's thread is checked later): not a bot, a join or the app itself. */
export function isHumanReply(message: SlackMessage): message is SlackMessage & { user: string; thread_ts: string } {
  if (!message.thread_ts || message.thread_ts === message.ts) return false;
  return messageDecision(message).counts;
}

function attachmentsOf(message: SlackMessage): Attachment[] {
  return (message.files ?? [])
    .map((file) => ({ name: file.name ?? file.title ?? 'file', url: file.permalink ?? file.url_private ?? '' }))
    .filter((file) => file.url !== '');
}

/**
 * Records a reply in a question's thread as a response, whether it came as a live event or through catch-up: both
 * use the message's own reference as the idempotency key, so the same message is never counted twice.
 */
export async function ingestReply(
  ctx: SlackContext,
  team: string,
  channel: string,
  message: SlackMessage & { user: string; thread_ts: string },
): Promise<ResponseOutcome | null> {
  const { store } = ctx.deps;
  const containerRef = messageRef(team, channel, message.thread_ts);
  const posting = await store.postings.findByMessageOrThread(containerRef);
  if (!posting) return null;
  const ref = messageRef(team, channel, message.ts);
  const body = unescapeSlack(message.text ?? '');
  const replyToRef = await findReplyTarget(store, posting, { team, channel, threadTs: message.thread_ts }, body);
  const person = await ctx.people.lookup(team, message.user);
  await nextTurn();
  const outcome = await recordResponse(ctx.deps, {
    platform: 'slack',
    containerRef,
    messageRef: ref,
    author: { platform: 'slack', platformUserId: message.user, displayName: person.displayName },
    body,
    replyToRef,
    attachments: attachmentsOf(message),
    idempotencyKey: ref,
    at: tsToDate(message.ts),
  });
  const target = { team, user: message.user, channel, threadTs: message.thread_ts };
  await nextTurn();
  if (outcome.status === 'recorded' && outcome.firstResponseToQuestion) {
    const question = await store.questions.findById(outcome.response.questionId);
    const what = question ? ` to “${shown(question.prompt, 200)}”` : '';
    await notify(
      ctx.api,
      ctx.logger,
      target,
      `Thank you: your reply is recorded as your response${what}. Edit or delete it at any time and the record follows; \`/agora mydata\` shows everything you have given.`,
    );
  } else if (outcome.status === 'closed') {
    const when = outcome.closedAt ? ` ${slackDate(outcome.closedAt)}` : '';
    await notify(
      ctx.api,
      ctx.logger,
      target,
      `This question closed${when}, so your reply stays in the thread but is not recorded as a response.`,
    );
  }
  return outcome;
}

/** An edited reply adds a revision, once per edit however often Slack tells us. */
export async function ingestEdit(
  ctx: SlackContext,
  team: string,
  channel: string,
  message: SlackMessage,
  eventTs: string,
) {
  if (!isHumanReply(message) || !isPersonsEdit(message)) return 'ignored';
  const ref = messageRef(team, channel, message.ts);
  const editedAt = message.edited?.ts ?? eventTs;
  return recordEdit(ctx.deps, {
    messageRef: ref,
    body: unescapeSlack(message.text ?? ''),
    idempotencyKey: `${ref}:edit:${editedAt}`,
    at: tsToDate(editedAt),
  });
}

/** A deleted reply is marked deleted: kept for the audit, out of digests. */
export async function ingestDeletion(
  ctx: SlackContext,
  team: string,
  channel: string,
  deletedTs: string,
  eventTs: string,
) {
  return recordDeletion(ctx.deps, { messageRef: messageRef(team, channel, deletedTs), at: tsToDate(eventTs) });
}
