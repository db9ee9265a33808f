import type { App, MessageShortcut } from '@slack/bolt';
import { isUserError, messageForUser } from '../../../src/core/errors.ts';
import { questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import { decodeOrigin, SHORTCUT, VIEW } from '../action-ids.ts';
import { proposeStatementModal } from '../outbound/modals.ts';
import { noticeText, notify, type Respond } from '../outbound/notices.ts';
import { messageRef } from '../refs.ts';
import type { SlackContext } from '../slack-context.ts';
import { slackActor, teamOf } from './slack-actor.ts';
import { refusedInForm } from './statement-form-refusal.ts';
import { submitKept } from './submit.ts';
import { recipientOf } from './vote-submission.ts';

/**
 * The message shortcut "Propose as a statement" on a reply in a question's thread: the core says whether this
 * person may propose it (its author, or an organiser) and gives the reply's words, which a form opens with to be
 * edited down; what is sent goes to the core, which adds it (or holds it for approval) credited to the reply's
 * author. Refusals are told privately, and in the form when the text is at fault.
 */
export function listenToStatementProposing(app: App, ctx: SlackContext): void {
  app.shortcut<MessageShortcut>(
    { callback_id: SHORTCUT.proposeStatement, type: 'message_action' },
    async ({ ack, shortcut, respond }) => {
      await ack();
      const team = teamOf(shortcut);
      const user = shortcut.user.id;
      const target = { team, user, respond: respond as Respond };
      const replyRef = messageRef(team, shortcut.channel.id, shortcut.message.ts);
      const actor = await slackActor(ctx, team, user);
      let proposal: Awaited<ReturnType<typeof ctx.consultation.read.statementProposal>>;
      try {
        proposal = await ctx.consultation.read.statementProposal({
          replyRef,
          proposer: actor.identity,
          proposerIsOrganiser: actor.isOrganiser,
        });
      } catch (error) {
        if (!isUserError(error)) {
          ctx.logger.error({ err: error, replyRef }, 'could not read the reply a statement was proposed from');
        }
        await notify(ctx.api, ctx.logger, target, noticeText(messageForUser(error)));
        return;
      }
      const origin = { questionId: proposal.questionId, channel: shortcut.channel.id, messageTs: shortcut.message.ts };
      try {
        await ctx.api.call(team, 'views.open', {
          trigger_id: shortcut.trigger_id,
          view: proposeStatementModal(proposal.prompt, proposal.draft, origin),
        });
      } catch (error) {
        ctx.logger.warn({ err: error, replyRef }, 'could not open the proposal form on Slack');
        await notify(ctx.api, ctx.logger, target, 'Slack did not open the form in time. Use the shortcut again.');
      }
    },
  );

  app.view(VIEW.proposeStatement, async ({ ack, view, body }) => {
    const origin = decodeOrigin(view.private_metadata);
    if (!origin?.channel || !origin.messageTs) {
      await ack({ response_action: 'errors', errors: { statement: 'This form is out of date; open it again.' } });
      return;
    }
    const team = teamOf(body);
    const text = view.state.values.statement?.statement_text?.value ?? '';
    if (await refusedInForm(ctx, ack, { team, user: body.user.id, channel: origin.channel }, text)) return;
    const actor = await slackActor(ctx, team, body.user.id);
    await submitKept(ctx, {
      kind: 'statement.proposed',
      platform: 'slack',
      key: `slack:proposal:${team}:${view.id}`,
      orderingKey: questionOrder(origin.questionId),
      notice: recipientOf(team, body.user.id, origin.channel),
      payload: {
        replyRef: messageRef(team, origin.channel, origin.messageTs),
        proposer: actor.identity,
        proposerIsOrganiser: actor.isOrganiser,
        text,
        at: ctx.consultation.clock.now(),
      },
    });
    await ack();
  });
}
