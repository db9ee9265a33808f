import type { ButtonInteraction, MessageComponentInteraction, StringSelectMenuInteraction } from 'discord.js';
import { castVote } from '../../src/core/consultation/cast-vote.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { PollOptionRecord, QuestionRecord } from '../../src/core/records.ts';
import { resolveKey } from './custom-ids.ts';
import type { InteractionContext } from './interaction-context.ts';
import { interactionIdentity } from './interaction-identity.ts';
import { type Answer, answerPrivately, updateFlow } from './interaction-replies.ts';
import { rankingSaved, rankingStep } from './ranked-flow.ts';
import { pageOfItem, ratingPage } from './rating-flow.ts';
import { describeVote, notOpenText } from './vote-wording.ts';

/** Whether the control sits on a message only this person sees (a step of a private flow). */
const inPrivateFlow = (interaction: MessageComponentInteraction) => interaction.message.flags.has('Ephemeral');

async function pollOf(context: InteractionContext, questionId: string) {
  const question = await context.deps.store.questions.findById(questionId);
  if (!question) throw new AgoraError('QUESTION_NOT_FOUND', 'That poll no longer exists.');
  const options = await context.deps.store.questions.options(questionId);
  return { question, options, keys: options.map((o) => o.key) };
}

/** Casts (or changes) the vote, refreshes the posted tallies, and says what was recorded. */
async function vote(
  context: InteractionContext,
  interaction: MessageComponentInteraction,
  poll: { question: QuestionRecord; options: PollOptionRecord[] },
  subject: string,
  choice: string[],
): Promise<string> {
  const { question, options } = poll;
  await castVote(context.deps, {
    questionId: question.id,
    author: interactionIdentity(interaction),
    subject,
    choice,
    idempotencyKey: `discord:interaction:${interaction.id}`,
    at: context.deps.clock.now(),
  });
  context.refresher.schedule(question.id);
  return describeVote(question, options, subject, choice);
}

/** The current votes of the person on a question, for showing their ratings in a flow. */
async function myVotes(context: InteractionContext, interaction: MessageComponentInteraction, questionId: string) {
  const me = await context.deps.store.participants.upsert(interactionIdentity(interaction));
  return (await context.deps.store.votes.listByParticipant(me.id)).filter((v) => v.questionId === questionId);
}

/** A button on a poll: one option, one Likert point, or one stance on a statement. */
export function voteButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { questionId: string; subject: string; choice: string },
): Promise<void> {
  return answerPrivately(
    interaction,
    async () => {
      const poll = await pollOf(context, id.questionId);
      const subject = resolveKey(id.subject, poll.keys);
      const choice =
        poll.question.kind === 'likert' || poll.question.kind === 'statements'
          ? id.choice
          : resolveKey(id.choice, poll.keys);
      return { text: await vote(context, interaction, poll, subject, [choice]) };
    },
    context.logger,
    'a vote',
    context.deferAfterMs,
  );
}

/** A select: several options (min and max from the question), or one point for an item; in a message or a flow. */
export function voteSelect(
  context: InteractionContext,
  interaction: StringSelectMenuInteraction,
  id: { questionId: string; subject: string },
): Promise<void> {
  const work = async (): Promise<Answer> => {
    const poll = await pollOf(context, id.questionId);
    const subject = resolveKey(id.subject, poll.keys);
    const choice = subject === '' ? interaction.values : interaction.values.slice(0, 1);
    if (!inPrivateFlow(interaction)) return { text: await vote(context, interaction, poll, subject, choice) };
    const page = pageOfItem(poll.options, subject);
    let notice: string;
    try {
      notice = await vote(context, interaction, poll, subject, choice);
    } catch (error) {
      if (!(error instanceof AgoraError) || error.audience !== 'user') throw error;
      notice = error.message;
    }
    return ratingPage(poll.question, poll.options, await myVotes(context, interaction, poll.question.id), page, notice);
  };
  if (inPrivateFlow(interaction))
    return updateFlow(interaction, work, context.logger, 'a rating', context.deferAfterMs);
  return answerPrivately(interaction, work, context.logger, 'a vote', context.deferAfterMs);
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
    return ratingPage(poll.question, poll.options, await myVotes(context, interaction, id.questionId), id.page);
  };
  if (inPrivateFlow(interaction))
    return updateFlow(interaction, work, context.logger, 'a rating page', context.deferAfterMs);
  return answerPrivately(interaction, work, context.logger, 'a rating page', context.deferAfterMs);
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
  if (inPrivateFlow(interaction)) return updateFlow(interaction, work, context.logger, 'ranking', context.deferAfterMs);
  return answerPrivately(interaction, work, context.logger, 'ranking', context.deferAfterMs);
}

/** A step of the ranking flow (a pick), or "Save this order"; a full ranking is saved without asking. */
export function rankingNext(
  context: InteractionContext,
  interaction: MessageComponentInteraction,
  id: { questionId: string; picked: number[]; save: boolean },
): Promise<void> {
  const work = async (): Promise<Answer> => {
    const poll = await pollOf(context, id.questionId);
    const picked = [...id.picked];
    if (interaction.isStringSelectMenu()) {
      const index = Number(interaction.values[0]);
      if (Number.isInteger(index) && index >= 0 && index < poll.options.length && !picked.includes(index))
        picked.push(index);
    }
    if (!id.save && picked.length < poll.options.length) return rankingStep(poll.question, poll.options, picked);
    const keys = picked.map((index) => poll.keys[index] as string);
    try {
      return rankingSaved(poll.question, await vote(context, interaction, poll, '', keys));
    } catch (error) {
      if (!(error instanceof AgoraError) || error.audience !== 'user') throw error;
      return { text: error.message };
    }
  };
  return updateFlow(interaction, work, context.logger, 'ranking', context.deferAfterMs);
}
