import { instantIn } from '../chat-text.ts';
import { UserError } from '../errors.ts';
import type { PollOptionRecord, QuestionRecord, VoteRecord } from '../records.ts';
import { plural } from '../wording.ts';
import type { CoreDeps } from './deps.ts';
import type { VoteCast } from './events.ts';
import { programmeZone } from './programme-zone.ts';

export const STATEMENT_VOTES = ['agree', 'disagree', 'pass'] as const;

function closedMessage(question: QuestionRecord, timeZone: string): string {
  const when = question.closedAt ?? question.closesAt;
  return when
    ? `This poll closed ${instantIn(when, timeZone)}; your vote was not counted.`
    : 'This poll is closed; your vote was not counted.';
}

function checkChoice(question: QuestionRecord, options: PollOptionRecord[], subject: string, choice: string[]): void {
  const keys = new Set(options.map((o) => o.key));
  const invalid = (why: string) => new UserError('CHOICE_INVALID', why, { question: question.key });
  if (question.kind === 'likert') {
    const scale = question.config.scale ?? [];
    const index = Number(choice[0]);
    if (!keys.has(subject)) throw invalid('That item is not part of this question.');
    if (choice.length !== 1 || !Number.isInteger(index) || index < 0 || index >= scale.length)
      throw invalid('Pick one point on the scale.');
    return;
  }
  if (question.kind === 'statements') {
    if (!keys.has(subject)) throw invalid('That statement is not (or no longer) part of this question.');
    if (choice.length !== 1 || !STATEMENT_VOTES.includes(choice[0] as (typeof STATEMENT_VOTES)[number]))
      throw invalid('Vote agree, disagree or pass.');
    return;
  }
  if (subject !== '') throw invalid('This poll takes one vote per person.');
  for (const key of choice) if (!keys.has(key)) throw invalid(`"${key}" is not one of this poll's options.`);
  if (new Set(choice).size !== choice.length) throw invalid('Each option can be chosen once.');
  if (question.kind === 'single_choice' && choice.length > 1) {
    throw new UserError(
      'SINGLE_CHOICE_ONLY',
      'This poll takes a single choice. Pick one option; picking another later changes your vote.',
    );
  }
  if (
    question.kind === 'multi_choice' &&
    (choice.length < question.minChoices || choice.length > question.maxChoices)
  ) {
    throw invalid(
      question.minChoices === question.maxChoices
        ? `Choose ${plural(question.minChoices, 'option')}.`
        : `Choose between ${question.minChoices} and ${plural(question.maxChoices, 'option')}.`,
    );
  }
  if (question.kind === 'ranked' && choice.length < 1) throw invalid('Rank at least one option.');
}

/** Why a vote on this poll would be refused because it has closed; null while it takes votes. */
export async function closedPollRefusal(deps: CoreDeps, question: QuestionRecord): Promise<string | null> {
  if (question.status !== 'closed' && question.status !== 'archived') return null;
  return closedMessage(question, await programmeZone(deps, question));
}

/** Casts, changes or (with a null choice) retracts a vote. Refused when the poll is not open. */
export async function castVote(
  deps: CoreDeps,
  event: VoteCast,
): Promise<{ vote: VoteRecord; changed: boolean; question: QuestionRecord }> {
  const { store } = deps;
  const question = await store.questions.findById(event.questionId);
  if (!question) throw new UserError('QUESTION_NOT_FOUND', 'That poll no longer exists.');
  if (question.kind === 'open') throw new UserError('NOT_A_POLL', 'This question takes written answers, not votes.');
  if (question.status === 'closed' || question.status === 'archived')
    throw new UserError('POLL_CLOSED', closedMessage(question, await programmeZone(deps, question)), {
      closedAt: question.closedAt,
    });
  if (question.status !== 'open') throw new UserError('QUESTION_NOT_OPEN', 'This poll has not opened yet.');
  if (event.choice !== null)
    checkChoice(question, await store.questions.options(question.id), event.subject, event.choice);
  const participant = await store.participants.upsert(event.author);
  const { vote, changed } = await store.votes.set({
    questionId: question.id,
    participantId: participant.id,
    subject: event.subject,
    choice: event.choice,
    idempotencyKey: event.idempotencyKey,
    at: event.at,
  });
  return { vote, changed, question };
}
