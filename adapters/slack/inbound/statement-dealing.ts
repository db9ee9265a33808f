import type { App, BlockAction } from '@slack/bolt';
import { STATEMENT_VOTES } from '../../../src/core/consultation/cast-vote.ts';
import { isUserError, messageForUser } from '../../../src/core/errors.ts';
import type { DealtStatement, StatementVote } from '../../../src/core/statements/deal-statement.ts';
import { ACTION, decodeVote } from '../action-ids.ts';
import { notify, type Respond, replaceOriginal } from '../outbound/notices.ts';
import { dealtMessage, type StatementMessage, wholeNotice } from '../outbound/statement-blocks.ts';
import type { SlackContext } from '../slack-context.ts';
import { slackActor, teamOf } from './slack-actor.ts';
import { submitVote } from './vote-submission.ts';

const isStatementVote = (choice: string): choice is StatementVote =>
  (STATEMENT_VOTES as readonly string[]).includes(choice);

/**
 * "Vote on statements" deals the person one statement on a card only they see; Agree, Disagree or Pass records
 * the vote and replaces that card with the next statement, or with a notice when none is left.
 */
export function listenToStatementDealing(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(ACTION.dealStatement, async ({ ack, body, action, respond }) => {
    await ack();
    const team = teamOf(body);
    const questionId = action.type === 'button' ? (action.value ?? '') : '';
    const dealt = await dealOrRefuse(ctx, questionId, body.user.id, async () => {
      const actor = await slackActor(ctx, team, body.user.id);
      return ctx.consultation.dealStatement({ questionId, participant: actor.identity });
    });
    await notify(
      ctx.api,
      ctx.logger,
      { team, user: body.user.id, respond: respond as Respond },
      dealt.text,
      dealt.blocks,
    );
  });

  app.action<BlockAction>(ACTION.answerStatement, async ({ ack, body, action, respond }) => {
    const team = teamOf(body);
    const vote = decodeVote(action.type === 'button' ? action.value : undefined);
    const choice = vote?.choice ?? '';
    if (!vote || !isStatementVote(choice)) {
      await ack();
      const stale = 'That card is out of date. Press *Vote on statements* on the question again.';
      await replaceOriginal(respond as Respond, ctx.logger, wholeNotice(stale));
      return;
    }
    // Acknowledged once the vote is kept; the card is replaced with the next statement (this one left out, since
    // its vote may not be applied yet). The next card is the confirmation.
    await submitVote(ctx, {
      team,
      user: body.user.id,
      questionId: vote.questionId,
      subject: vote.subject,
      choice: [choice],
      key: `slack:vote:${team}:${body.user.id}:${action.action_ts}`,
      notice: null,
    });
    await ack();
    const next = await dealOrRefuse(ctx, vote.questionId, body.user.id, async () => {
      const actor = await slackActor(ctx, team, body.user.id);
      return ctx.consultation.dealStatement({
        questionId: vote.questionId,
        participant: actor.identity,
        alsoVoted: [vote.subject],
      });
    });
    await replaceOriginal(respond as Respond, ctx.logger, next);
  });
}

/** What the person is dealt, or the core's reason for refusing (a closed question); bugs are logged. */
async function dealOrRefuse(
  ctx: SlackContext,
  questionId: string,
  user: string,
  deal: () => Promise<DealtStatement>,
): Promise<StatementMessage> {
  try {
    return dealtMessage(await deal());
  } catch (error) {
    if (!isUserError(error)) {
      ctx.logger.error({ err: error, questionId, user }, 'dealing a statement on Slack failed');
    }
    return wholeNotice(messageForUser(error));
  }
}
