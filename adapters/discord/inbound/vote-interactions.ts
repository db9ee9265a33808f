import type { ButtonInteraction, MessageComponentInteraction, StringSelectMenuInteraction } from 'discord.js';
import { UserError } from '../../../src/core/errors.ts';
import { resolveKey } from '../custom-ids.ts';
import { deferBudget, type InteractionContext } from '../interaction-context.ts';
import { type Answer, answerPrivately, updateFlow } from '../outbound/interaction-replies.ts';
import { rankingStep } from '../outbound/ranked-flow.ts';
import { pageOfItem, ratingPage } from '../outbound/rating-flow.ts';
import type { ReplyMode } from '../outbound/reply-handles.ts';
import { notOpenText } from '../outbound/vote-wording.ts';
import { interactionIdentity } from './interaction-identity.ts';
import { deferPrivately, interactionEvent, interactionKey, submitThenAnswer } from './submit-interaction.ts';

/** Whether the control sits on a message only this person sees (a step of a private flow). */
const inPrivateFlow = (interaction: MessageComponentInteraction) => interaction.message.flags.has('Ephemeral');

async function pollOf(context: InteractionContext, questionId: string) {
  const question = await context.consultation.read.question(questionId);
  if (!question) throw new UserError('QUESTION_NOT_FOUND', 'That poll no longer exists.');
  const options = await context.consultation.read.options(questionId);
  return { question, options, keys: options.map((o) => o.key) };
}

/** A vote as the core's event: stored before Discord is answered; the core then tells the person what it recorded. */
function voteEvent(
  context: InteractionContext,
  interaction: MessageComponentInteraction,
  questionId: string,
  vote: { subject: string; choice: string[] },
  mode: ReplyMode,
) {
  return interactionEvent(
    interaction,
    'vote.cast',
    questionId,
    {
      questionId,
      author: interactionIdentity(interaction),
      ...vote,
      idempotencyKey: interactionKey(interaction.id),
      at: context.consultation.clock.now(),
    },
    mode,
  );
}

/** The person's ratings on a question, with the one just submitted (which may not be applied yet). */
async function myRatings(
  context: InteractionContext,
  interaction: MessageComponentInteraction,
  questionId: string,
  submitted?: { subject: string; choice: string },
): Promise<Map<string, string>> {
  const votes = await context.consultation.read.votesOf(questionId, interactionIdentity(interaction));
  const mine = new Map(votes.map((v) => [v.subject, v.choice[0] ?? '']));
  if (submitted) mine.set(submitted.subject, submitted.choice);
  return mine;
}

/** A refusal a person can act on (a poll that no longer exists) in answer to a control, else a logged failure. */
function answerRefusal(
  context: InteractionContext,
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  error: unknown,
) {
  return answerPrivately(
    interaction,
    async () => {
      throw error;
    },
    context.logger,
    'a vote',
    deferBudget(context),
  );
}

/** A button on a poll: one option, one Likert point, or one stance on a statement. */
export async function voteButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { questionId: string; subject: string; choice: string },
): Promise<void> {
  let vote: { subject: string; choice: string[] };
  try {
    const poll = await pollOf(context, id.questionId);
    const subject = resolveKey(id.subject, poll.keys);
    const choice =
      poll.question.kind === 'likert' || poll.question.kind === 'statements'
        ? id.choice
        : resolveKey(id.choice, poll.keys);
    vote = { subject, choice: [choice] };
  } catch (error) {
    return answerRefusal(context, interaction, error);
  }
  const event = voteEvent(context, interaction, id.questionId, vote, 'edit');
  return submitThenAnswer(context, interaction, event, deferPrivately(interaction));
}

/**
 * A select: several options (min and max from the question), or one point for an item. On the question's message
 * the reply is deferred for the core's notice; in the private rating form the page is shown again with the new
 * rating, and the notice follows it.
 */
export async function voteSelect(
  context: InteractionContext,
  interaction: StringSelectMenuInteraction,
  id: { questionId: string; subject: string },
): Promise<void> {
  let poll: Awaited<ReturnType<typeof pollOf>>;
  let vote: { subject: string; choice: string[] };
  try {
    poll = await pollOf(context, id.questionId);
    const subject = resolveKey(id.subject, poll.keys);
    vote = { subject, choice: subject === '' ? interaction.values : interaction.values.slice(0, 1) };
  } catch (error) {
    return answerRefusal(context, interaction, error);
  }
  if (!inPrivateFlow(interaction)) {
    const event = voteEvent(context, interaction, id.questionId, vote, 'edit');
    return submitThenAnswer(context, interaction, event, deferPrivately(interaction));
  }
  const event = voteEvent(context, interaction, id.questionId, vote, 'follow');
  const page = pageOfItem(poll.options, vote.subject);
  return submitThenAnswer(context, interaction, event, async () => {
    const submitted = { subject: vote.subject, choice: vote.choice[0] ?? '' };
    await updateFlow(
      interaction,
      async () =>
        ratingPage(
          poll.question,
          poll.options,
          await myRatings(context, interaction, poll.question.id, submitted),
          page,
        ),
      context.logger,
      'a rating',
      deferBudget(context),
    );
  });
}

/**
 * "Rate the items", and Previous / Next within that flow. Statements questions posted before statements were dealt
 * one at a time carry the flow's button too, until their message is next refreshed.
 */
export function ratingFlow(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { questionId: string; page: number },
): Promise<void> {
  const work = async (): Promise<Answer> => {
    const poll = await pollOf(context, id.questionId);
    if (poll.question.status !== 'open') return { text: notOpenText(poll.question) };
    return ratingPage(poll.question, poll.options, await myRatings(context, interaction, id.questionId), id.page);
  };
  if (inPrivateFlow(interaction))
    return updateFlow(interaction, work, context.logger, 'a rating page', deferBudget(context));
  return answerPrivately(interaction, work, context.logger, 'a rating page', deferBudget(context));
}

/** "Rank the options" (and "Start again"): the first step of the ranking flow. */
export function rankingStart(
  context: InteractionContext,
  interaction: ButtonInteraction,
  questionId: string,
): Promise<void> {
  const work = async (): Promise<Answer> => {
    const poll = await pollOf(context, questionId);
    if (poll.question.status !== 'open') return { text: notOpenText(poll.question) };
    return rankingStep(poll.question, poll.options, []);
  };
  if (inPrivateFlow(interaction)) return updateFlow(interaction, work, context.logger, 'ranking', deferBudget(context));
  return answerPrivately(interaction, work, context.logger, 'ranking', deferBudget(context));
}

/**
 * A step of the ranking flow (a pick), or "Save this order"; a full ranking is saved without asking. Saving
 * defers the flow's message, and the core's notice of what was recorded takes its place.
 */
export async function rankingNext(
  context: InteractionContext,
  interaction: MessageComponentInteraction,
  id: { questionId: string; picked: number[]; save: boolean },
): Promise<void> {
  let poll: Awaited<ReturnType<typeof pollOf>>;
  try {
    poll = await pollOf(context, id.questionId);
  } catch (error) {
    return updateFlow(
      interaction,
      async () => {
        throw error;
      },
      context.logger,
      'ranking',
      deferBudget(context),
    );
  }
  const picked = [...id.picked];
  if (interaction.isStringSelectMenu()) {
    const index = Number(interaction.values[0]);
    if (Number.isInteger(index) && index >= 0 && index < poll.options.length && !picked.includes(index))
      picked.push(index);
  }
  if (!id.save && picked.length < poll.options.length) {
    const step = rankingStep(poll.question, poll.options, picked);
    return updateFlow(interaction, async () => step, context.logger, 'ranking', deferBudget(context));
  }
  const choice = picked.map((index) => poll.keys[index] as string);
  const event = voteEvent(context, interaction, id.questionId, { subject: '', choice }, 'edit');
  return submitThenAnswer(context, interaction, event, () => interaction.deferUpdate());
}
