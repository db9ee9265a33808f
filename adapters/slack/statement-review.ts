import type { App, BlockAction } from '@slack/bolt';
import { isAgoraError, messageForUser } from '../../src/core/errors.ts';
import { reviewStatement } from '../../src/core/statements/review-statement.ts';
import { ACTION, decodeReview } from './action-ids.ts';
import { noticeText, notify, type Respond, replaceOriginal } from './notices.ts';
import { slackActor, teamOf } from './slack-actor.ts';
import type { SlackContext } from './slack-context.ts';
import { wholeNotice } from './statement-blocks.ts';

/**
 * Approve or Reject on a statement in the organisers' channel. An organiser's decision replaces the message with
 * its outcome; anyone else is told privately why not, and the message stays as it was.
 */
export function listenToStatementReview(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(ACTION.reviewStatement, async ({ ack, body, action, respond }) => {
    await ack();
    const team = teamOf(body);
    const user = body.user.id;
    const target = { team, user, respond: respond as Respond };
    const review = decodeReview(action.type === 'button' ? action.value : undefined);
    const decision = ACTION.reviewStatement.exec(action.action_id)?.[1];
    if (!review || (decision !== 'approve' && decision !== 'reject')) {
      await notify(ctx.api, ctx.logger, target, 'That button is not one Agora can read any more.');
      return;
    }
    try {
      const actor = await slackActor(ctx, team, user);
      const outcome = await reviewStatement(ctx.deps, {
        ...review,
        decision,
        reviewer: actor.identity,
        reviewerIsOrganiser: actor.isOrganiser,
        at: ctx.deps.clock.now(),
      });
      ctx.refresher.schedule(review.questionId);
      await replaceOriginal(respond as Respond, ctx.logger, wholeNotice(outcome.message));
    } catch (error) {
      if (!isAgoraError(error) || error.audience !== 'user') {
        ctx.logger.error({ err: error, ...review, user }, 'reviewing a statement from Slack failed');
      }
      await notify(ctx.api, ctx.logger, target, noticeText(messageForUser(error)));
    }
  });
}
