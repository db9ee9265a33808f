import { castVote } from '../../src/core/consultation/cast-vote.ts';
import { AgoraError, isAgoraError, messageForUser } from '../../src/core/errors.ts';
import { modalError } from './mrkdwn.ts';
import { noticeText } from './notices.ts';
import type { SlackContext } from './slack-context.ts';
import { closedPollNotice, voteConfirmation } from './vote-wording.ts';

export interface VoteRequest {
  team: string;
  user: string;
  questionId: string;
  subject: string;
  choice: string[];
  /** The interaction's own id, so a redelivered click counts once. */
  idempotencyKey: string;
}

/** A vote's result as a person should read it: a confirmation, or why it was refused (ok: false). */
export type VoteResult =
  | { ok: true; text: string }
  /** `plain`: the refusal as plain words, for a modal's field error (date tokens and mrkdwn do not render there). */
  | { ok: false; text: string; plain: string };

/** Casts a vote through the core, refreshes the poll's tally, and words the outcome for the voter. */
export async function castAndConfirm(ctx: SlackContext, request: VoteRequest): Promise<VoteResult> {
  try {
    const person = await ctx.people.lookup(request.team, request.user);
    const { question } = await castVote(ctx.deps, {
      questionId: request.questionId,
      author: { platform: 'slack', platformUserId: request.user, displayName: person.displayName },
      subject: request.subject,
      choice: request.choice,
      idempotencyKey: request.idempotencyKey,
      at: ctx.deps.clock.now(),
    });
    ctx.refresher.schedule(question.id);
    return {
      ok: true,
      text: await voteConfirmation(ctx.deps.store, question, request.subject, request.choice),
    };
  } catch (error) {
    if (error instanceof AgoraError && error.code === 'POLL_CLOSED') {
      return { ok: false, text: closedPollNotice(error.details.closedAt), plain: modalError(error.message) };
    }
    if (!isAgoraError(error) || error.audience !== 'user') {
      ctx.logger.error({ err: error, questionId: request.questionId, user: request.user }, 'a Slack vote failed');
    }
    return { ok: false, text: noticeText(messageForUser(error)), plain: modalError(messageForUser(error)) };
  }
}
