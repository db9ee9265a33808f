import type { App, BlockAction } from '@slack/bolt';
import { isUserError, messageForUser } from '../../../src/core/errors.ts';
import { questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { QuestionRecord } from '../../../src/core/records.ts';
import { requireOpen } from '../../../src/core/statements/statement-question.ts';
import { ACTION, decodeOrigin, VIEW } from '../action-ids.ts';
import { addStatementModal } from '../outbound/modals.ts';
import { noticeText, notify, type Respond } from '../outbound/notices.ts';
import type { SlackContext } from '../slack-context.ts';
import { slackActor, teamOf } from './slack-actor.ts';
import { refusedInForm } from './statement-form-refusal.ts';
import { submitKept } from './submit.ts';
import { recipientOf } from './vote-submission.ts';

/**
 * "Add a statement" (on the question or on a dealt card) opens a form; what is sent goes to the core, which adds
 * it, holds it for approval, or refuses it. The outcome is told to the author privately, and a refusal also in the
 * form, which stays open so nothing typed is lost.
 */
export function listenToStatementAdding(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(ACTION.addStatement, async ({ ack, body, action, respond }) => {
    await ack();
    const team = teamOf(body);
    const target = { team, user: body.user.id, respond: respond as Respond };
    const questionId = action.type === 'button' ? (action.value ?? '') : '';
    let question: QuestionRecord;
    try {
      question = await ctx.consultation.read.statementQuestion(questionId);
      requireOpen(question, 'add a statement');
    } catch (error) {
      if (!isUserError(error)) {
        ctx.logger.error({ err: error, questionId }, 'could not find the question of a statement form');
      }
      await notify(ctx.api, ctx.logger, target, noticeText(messageForUser(error)));
      return;
    }
    const origin = { questionId, channel: body.channel?.id ?? body.container.channel_id };
    try {
      await ctx.api.call(team, 'views.open', {
        trigger_id: body.trigger_id,
        view: addStatementModal(question, origin),
      });
    } catch (error) {
      ctx.logger.warn({ err: error, questionId }, 'could not open the statement form on Slack');
      await notify(ctx.api, ctx.logger, target, 'Slack did not open the form in time. Press the button again.');
    }
  });

  app.view(VIEW.addStatement, async ({ ack, view, body }) => {
    const origin = decodeOrigin(view.private_metadata);
    if (!origin) {
      await ack({ response_action: 'errors', errors: { statement: 'This form is out of date; open it again.' } });
      return;
    }
    const team = teamOf(body);
    const author = { team, user: body.user.id, channel: origin.channel };
    // As typed: blank or over-long text is refused here, in the form, so nothing typed is lost.
    const text = view.state.values.statement?.statement_text?.value ?? '';
    if (await refusedInForm(ctx, ack, author, text)) return;
    const actor = await slackActor(ctx, team, body.user.id);
    // The form closes once the statement is kept; the core adds it (or holds it for approval) and tells the author.
    await submitKept(ctx, {
      kind: 'statement.added',
      platform: 'slack',
      key: `slack:statement:${team}:${view.id}`,
      orderingKey: questionOrder(origin.questionId),
      notice: recipientOf(team, body.user.id, origin.channel),
      payload: {
        questionId: origin.questionId,
        author: actor.identity,
        authorIsOrganiser: actor.isOrganiser,
        text,
        at: ctx.consultation.clock.now(),
      },
    });
    await ack();
  });
}
