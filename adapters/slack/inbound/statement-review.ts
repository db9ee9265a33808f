import type { App, BlockAction } from '@slack/bolt';
import { questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import { ACTION, decodeReview } from '../action-ids.ts';
import { notify, type Respond } from '../outbound/notices.ts';
import { messageRef } from '../refs.ts';
import type { SlackContext } from '../slack-context.ts';
import { slackActor, teamOf } from './slack-actor.ts';
import { submitKept } from './submit.ts';
import { recipientOf } from './vote-submission.ts';

/**
 * Approve or Reject on a statement in the organisers' channel, acknowledged once the decision is kept. The core
 * applies it (refusing anyone who is not an organiser) and tells the reviewer the outcome, in place.
 */
export function listenToStatementReview(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(ACTION.reviewStatement, async ({ ack, body, action, respond }) => {
    const team = teamOf(body);
    const user = body.user.id;
    const target = { team, user, respond: respond as Respond };
    const review = decodeReview(action.type === 'button' ? action.value : undefined);
    const decision = ACTION.reviewStatement.exec(action.action_id)?.[1];
    if (!review || (decision !== 'approve' && decision !== 'reject')) {
      await ack();
      await notify(ctx.api, ctx.logger, target, 'That button is not one Agora can read any more.');
      return;
    }
    const actor = await slackActor(ctx, team, user);
    await submitKept(ctx, {
      kind: 'statement.reviewed',
      platform: 'slack',
      key: `slack:review:${team}:${user}:${action.action_ts}`,
      orderingKey: questionOrder(review.questionId),
      // The reviewer is told privately; the core shows the decision on the card itself, for everyone.
      notice: recipientOf(team, user, body.channel?.id, body.response_url),
      payload: {
        ...review,
        decision,
        reviewer: actor.identity,
        reviewerIsOrganiser: actor.isOrganiser,
        at: ctx.consultation.clock.now(),
        ...(body.channel?.id &&
          body.message?.ts && { reviewCardRef: messageRef(team, body.channel.id, body.message.ts) }),
      },
    });
    await ack();
  });
}
