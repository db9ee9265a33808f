import type { App, BlockAction } from '@slack/bolt';
import { ACTION } from '../action-ids.ts';
import type { SlackContext } from '../slack-context.ts';
import { slackActor, teamOf } from './slack-actor.ts';
import { recipientOf } from './vote-submission.ts';

/**
 * "Where do I stand" on a statement card: the core works out where the person stands and answers them through the
 * click's response_url (an ephemeral message beside the card), or privately when that has expired.
 */
export function listenToStanding(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(ACTION.whereIStand, async ({ ack, body, action }) => {
    await ack();
    const team = teamOf(body);
    const questionId = action.type === 'button' ? (action.value ?? '') : '';
    try {
      const actor = await slackActor(ctx, team, body.user.id);
      await ctx.consultation.tellWhereTheyStand({
        questionId,
        person: actor.identity,
        recipient: recipientOf(team, body.user.id, body.channel?.id, body.response_url),
      });
    } catch (error) {
      ctx.logger.error({ err: error, questionId }, 'could not tell a person on Slack where they stand');
    }
  });
}
