import type { App, BlockAction, BlockElementAction } from '@slack/bolt';
import { ACTION, decodeOrigin, decodeVote, VIEW } from '../action-ids.ts';
import { multiChoiceModal, rankedModal } from '../outbound/modals.ts';
import { modalError } from '../outbound/mrkdwn.ts';
import { notify, type Respond } from '../outbound/notices.ts';
import type { SlackContext } from '../slack-context.ts';
import { teamOf } from './slack-actor.ts';
import { recipientOf, submitVote } from './vote-submission.ts';

type StateValues = Record<
  string,
  Record<string, { selected_options?: { value: string }[]; selected_option?: { value: string } | null }>
>;

function chosenValue(action: BlockElementAction): string | undefined {
  if (action.type === 'button') return action.value;
  if (action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}

/** The options ticked in the message's own checkboxes, when Slack sent the message's state with the click. */
function tickedInMessage(state: StateValues | undefined): string[] | undefined {
  for (const block of Object.values(state ?? {})) {
    const picked = block[ACTION.multiPick]?.selected_options;
    if (picked && picked.length > 0) return picked.map((o) => o.value);
  }
  return undefined;
}

async function currentChoice(ctx: SlackContext, questionId: string, user: string): Promise<string[]> {
  const person = await ctx.consultation.read.participant('slack', user);
  const vote = person ? await ctx.consultation.read.vote(questionId, person.id, '') : null;
  return vote && !vote.retractedAt ? vote.choice : [];
}

/** Voting from the message: buttons and selects, the multi-choice submit, and the ranking and choice modals. */
export function listenToVotes(app: App, ctx: SlackContext): void {
  app.action<BlockAction>(ACTION.vote, async ({ ack, body, action, respond }) => {
    const vote = decodeVote(chosenValue(action));
    const target = { team: teamOf(body), user: body.user.id, respond: respond as Respond };
    if (!vote) {
      await ack();
      await notify(
        ctx.api,
        ctx.logger,
        target,
        'That control is not one Agora can read any more. Try `/agora status`.',
      );
      return;
    }
    // Acknowledged once the vote is kept; the core confirms it to the voter and refreshes the cards.
    await submitVote(ctx, {
      team: target.team,
      user: body.user.id,
      questionId: vote.questionId,
      subject: vote.subject,
      choice: [vote.choice],
      key: `slack:vote:${target.team}:${body.user.id}:${action.action_ts}`,
      notice: recipientOf(target.team, body.user.id, body.channel?.id, body.response_url),
    });
    await ack();
  });

  // Ticking boxes in the message changes nothing until "Submit choices".
  app.action(ACTION.multiPick, async ({ ack }) => {
    await ack();
  });

  app.action<BlockAction>(ACTION.multiSubmit, async ({ ack, body, action, respond }) => {
    const questionId = action.type === 'button' ? (action.value ?? '') : '';
    const team = teamOf(body);
    const target = { team, user: body.user.id, respond: respond as Respond };
    const ticked = tickedInMessage(body.state?.values as StateValues | undefined);
    if (ticked) {
      await submitVote(ctx, {
        team,
        user: body.user.id,
        questionId,
        subject: '',
        choice: ticked,
        key: `slack:vote:${team}:${body.user.id}:${action.action_ts}`,
        notice: recipientOf(team, body.user.id, body.channel?.id, body.response_url),
      });
      await ack();
      return;
    }
    await ack();
    await openPollModal(ctx, body, questionId, 'multi', target);
  });

  app.action<BlockAction>(ACTION.rank, async ({ ack, body, action, respond }) => {
    await ack();
    const questionId = action.type === 'button' ? (action.value ?? '') : '';
    await openPollModal(ctx, body, questionId, 'ranked', {
      team: teamOf(body),
      user: body.user.id,
      respond: respond as Respond,
    });
  });

  app.view(VIEW.ranked, async ({ ack, view, body }) => {
    const origin = decodeOrigin(view.private_metadata);
    const values = view.state.values as StateValues;
    const order: string[] = [];
    let firstBlock = 'rank_1';
    for (let rank = 1; values[`rank_${rank}`] !== undefined; rank++) {
      const key = values[`rank_${rank}`]?.[`rank_${rank}`]?.selected_option?.value;
      if (!key) continue;
      if (order.includes(key)) {
        await ack({ response_action: 'errors', errors: { [`rank_${rank}`]: 'You have already ranked this option.' } });
        return;
      }
      if (order.length === 0) firstBlock = `rank_${rank}`;
      order.push(key);
    }
    await submitModalVote(ctx, ack as ViewAck, body, origin, order, firstBlock, view.id, view.hash);
  });

  app.view(VIEW.multi, async ({ ack, view, body }) => {
    const origin = decodeOrigin(view.private_metadata);
    const picked = (view.state.values as StateValues).choices?.choices?.selected_options ?? [];
    await submitModalVote(
      ctx,
      ack as ViewAck,
      body,
      origin,
      picked.map((o) => o.value),
      'choices',
      view.id,
      view.hash,
    );
  });
}

type ViewAck = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

async function submitModalVote(
  ctx: SlackContext,
  ack: ViewAck,
  body: { team?: { id?: string } | null; user: { id: string; team_id?: string } },
  origin: ReturnType<typeof decodeOrigin>,
  choice: string[],
  errorBlock: string,
  viewId: string,
  hash: string,
): Promise<void> {
  if (!origin) {
    await ack({ response_action: 'errors', errors: { [errorBlock]: 'This form is out of date; open it again.' } });
    return;
  }
  const team = teamOf(body);
  // A poll that closed while the form was open is said in the form itself, in plain words (tokens do not render
  // there); the vote is still handed over, so the core records the attempt and sends its own notice.
  const closed = await ctx.consultation.read.closedPollRefusal(origin.questionId);
  await submitVote(ctx, {
    team,
    user: body.user.id,
    questionId: origin.questionId,
    subject: '',
    choice,
    key: `slack:vote:${team}:${body.user.id}:${viewId}:${hash}`,
    notice: recipientOf(team, body.user.id, origin.channel),
  });
  if (closed) await ack({ response_action: 'errors', errors: { [errorBlock]: modalError(closed) } });
  else await ack();
}

async function openPollModal(
  ctx: SlackContext,
  body: BlockAction,
  questionId: string,
  kind: 'multi' | 'ranked',
  target: { team: string; user: string; respond: Respond },
): Promise<void> {
  const { read } = ctx.consultation;
  const question = await read.question(questionId);
  if (!question) {
    await notify(ctx.api, ctx.logger, target, 'That poll no longer exists.');
    return;
  }
  if (question.status !== 'open') {
    await notify(
      ctx.api,
      ctx.logger,
      target,
      question.status === 'closed' ? 'This poll is closed.' : 'This poll has not opened yet.',
    );
    return;
  }
  const options = await read.options(question.id);
  const current = await currentChoice(ctx, question.id, target.user);
  const origin = { questionId, channel: body.channel?.id ?? body.container.channel_id, messageTs: body.message?.ts };
  const view =
    kind === 'ranked'
      ? rankedModal(question, options, current, origin)
      : multiChoiceModal(question, options, current, origin);
  try {
    await ctx.api.call(target.team, 'views.open', { trigger_id: body.trigger_id, view });
  } catch (error) {
    ctx.logger.warn({ err: error, questionId }, 'could not open a poll form on Slack');
    await notify(ctx.api, ctx.logger, target, 'Slack did not open the form in time. Press the button again.');
  }
}
