import type { App, BlockAction } from '@slack/bolt';
import { messageForUser } from '../../../src/core/errors.ts';
import { questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import { ACTION, decodeOrigin, VIEW } from '../action-ids.ts';
import { privateAnswerModal } from '../outbound/modals.ts';
import { noticeText, notify, type Respond } from '../outbound/notices.ts';
import { whereWeStand } from '../outbound/where-we-stand.ts';
import type { SlackContext } from '../slack-context.ts';
import { teamOf } from './slack-actor.ts';
import { submitKept } from './submit.ts';
import { recipientOf } from './vote-submission.ts';

/** "Answer privately" (a modal whose answer never reaches the thread) and "See where we stand" (an ephemeral summary). */
export function listenToQuestionButtons(app: App, ctx: SlackContext): void {
  const { read } = ctx.consultation;

  app.action<BlockAction>(ACTION.answerPrivately, async ({ ack, body, action, respond }) => {
    await ack();
    const team = teamOf(body);
    const target = { team, user: body.user.id, respond: respond as Respond };
    const question = await read.question(action.type === 'button' ? (action.value ?? '') : '');
    if (question?.status !== 'open') {
      await notify(ctx.api, ctx.logger, target, 'This question is not open for answers.');
      return;
    }
    const origin = {
      questionId: question.id,
      channel: body.channel?.id ?? (body.container.channel_id as string | undefined),
      messageTs: body.message?.ts,
    };
    try {
      await ctx.api.call(team, 'views.open', {
        trigger_id: body.trigger_id,
        view: privateAnswerModal(question, origin),
      });
    } catch (error) {
      ctx.logger.warn({ err: error, question: question.key }, 'could not open the private answer form on Slack');
      await notify(ctx.api, ctx.logger, target, 'Slack did not open the form in time. Press the button again.');
    }
  });

  app.view(VIEW.privateAnswer, async ({ ack, view, body }) => {
    const origin = decodeOrigin(view.private_metadata);
    const team = teamOf(body);
    const text = view.state.values.answer?.answer_text?.value ?? '';
    if (!origin) {
      await ack({ response_action: 'errors', errors: { answer: 'This form is out of date; open it again.' } });
      return;
    }
    const key = `slack:private:${team}:${view.id}`;
    // The form closes once the answer is kept; the core thanks the person (or says why not) and refreshes the cards.
    await submitKept(ctx, {
      kind: 'answer.private',
      platform: 'slack',
      key,
      orderingKey: questionOrder(origin.questionId),
      notice: recipientOf(team, body.user.id, origin.channel),
      payload: {
        questionId: origin.questionId,
        author: {
          platform: 'slack',
          platformUserId: body.user.id,
          displayName: ctx.people.knownName(team, body.user.id),
        },
        body: text,
        idempotencyKey: key,
        at: ctx.consultation.clock.now(),
      },
    });
    await ack();
  });

  app.action<BlockAction>(ACTION.whereWeStand, async ({ ack, body, action, respond }) => {
    await ack();
    const target = { team: teamOf(body), user: body.user.id, respond: respond as Respond };
    const question = await read.question(action.type === 'button' ? (action.value ?? '') : '');
    if (!question) {
      await notify(ctx.api, ctx.logger, target, 'That question no longer exists.');
      return;
    }
    try {
      const summary = await whereWeStand(read, question, body.user.id);
      await notify(ctx.api, ctx.logger, target, summary.text, summary.blocks);
    } catch (error) {
      ctx.logger.error({ err: error, question: question.key }, 'could not build a "where we stand" summary');
      await notify(ctx.api, ctx.logger, target, noticeText(messageForUser(error)));
    }
  });
}
