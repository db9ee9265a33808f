import type { CoreDeps } from '../consultation/deps.ts';
import { UserError } from '../errors.ts';
import type { ProgrammeRecord, QuestionRecord } from '../records.ts';

/** The agree/disagree question a statement belongs to, with its programme; refused for any other kind. */
export async function findStatementQuestion(
  deps: CoreDeps,
  questionId: string,
): Promise<{ question: QuestionRecord; programme: ProgrammeRecord }> {
  const question = await deps.store.questions.findById(questionId);
  if (!question) throw new UserError('QUESTION_NOT_FOUND', 'That question no longer exists.');
  if (question.kind !== 'statements') {
    throw new UserError('STATEMENT_INVALID', 'Statements belong to agree/disagree questions only.', {
      question: question.key,
    });
  }
  const programme = await deps.store.programmes.findById(question.programmeId);
  if (!programme) throw new UserError('PROGRAMME_NOT_FOUND', 'That programme no longer exists.');
  return { question, programme };
}

export function requireOpen(question: QuestionRecord, doing: string): void {
  if (question.status === 'open') return;
  const when = question.status === 'scheduled' ? 'has not opened yet' : 'is closed';
  throw new UserError(
    question.status === 'scheduled' ? 'QUESTION_NOT_OPEN' : 'POLL_CLOSED',
    `This question ${when}, so you cannot ${doing} now.`,
    { question: question.key },
  );
}
