import { UserError } from '../errors.ts';
import type { QuestionRecord } from '../records.ts';
import { type SummaryDeps, summariseQuestion } from './summarise-question.ts';
import { type StatementVote, whereYouStand } from './where-you-stand.ts';
import { whereYouStandText } from './where-you-stand-text.ts';

const STATEMENT_VOTES = new Set<string>(['agree', 'disagree', 'pass']);

/**
 * Where one participant stands on an agree/disagree question, as a private message: read from the question's
 * current summary (computed when stale) and the participant's own live votes.
 */
export async function whereParticipantStandsText(
  deps: SummaryDeps,
  question: QuestionRecord,
  participantId: string,
): Promise<string> {
  if (question.kind !== 'statements')
    throw new UserError(
      'POSITIONS_UNAVAILABLE',
      `"${question.prompt}" is not an agree/disagree question, so there are no opinion groups to place you in.`,
    );
  const { summary } = await summariseQuestion(deps, question);
  const statements = await deps.store.questions.options(question.id);
  const votes = new Map<string, StatementVote>();
  for (const vote of await deps.store.votes.listByParticipant(participantId)) {
    const choice = vote.choice[0] ?? '';
    if (vote.questionId === question.id && !vote.retractedAt && STATEMENT_VOTES.has(choice))
      votes.set(vote.subject, choice as StatementVote);
  }
  return whereYouStandText(question.prompt, whereYouStand(summary, participantId, votes, statements.length));
}
