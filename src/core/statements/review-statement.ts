import type { CoreDeps } from '../consultation/deps.ts';
import { requireOrganiser } from '../consultation/roles.ts';
import { UserError } from '../errors.ts';
import type { StatementDecision } from '../ports/chat-platform.ts';
import type { PollOptionRecord } from '../records.ts';
import type { PlatformIdentity } from '../types.ts';
import { countAuthorAgreeing } from './add-statement.ts';
import { replyLink } from './proposal-source.ts';
import { findStatementQuestion } from './statement-question.ts';

export interface StatementReviewed {
  questionId: string;
  statementId: string;
  decision: 'approve' | 'reject';
  reviewer: PlatformIdentity;
  reviewerIsOrganiser: boolean;
  at: Date;
  /** The review card the decision was made on, shown decided once it is applied. */
  reviewCardRef?: string;
}

/** An organiser approves (it is dealt from now on) or rejects (it is never shown) a statement awaiting approval. */
export async function reviewStatement(
  deps: CoreDeps,
  event: StatementReviewed,
): Promise<{ statement: PollOptionRecord; message: string; decision: StatementDecision }> {
  const { store } = deps;
  const { question, programme } = await findStatementQuestion(deps, event.questionId);
  const reviewer = await store.participants.upsert(event.reviewer);
  requireOrganiser({ role: event.reviewerIsOrganiser ? 'organiser' : reviewer.role }, 'approve or reject statements');
  const statement = (await store.questions.options(question.id, { includePending: true })).find(
    (s) => s.id === event.statementId,
  );
  if (!statement) throw new UserError('STATEMENT_INVALID', 'That statement was rejected already, or no longer exists.');
  if (statement.status !== 'pending') {
    throw new UserError('STATEMENT_INVALID', `"${statement.label}" was approved already.`);
  }
  const status = event.decision === 'approve' ? 'approved' : 'rejected';
  const updated = await store.questions.setStatementStatus(statement.id, status);
  if (status === 'approved' && statement.authorId) {
    await countAuthorAgreeing(deps, question.id, statement.authorId, statement.key, event.at);
  }
  await store.audit.record({
    programmeId: programme.id,
    actor: reviewer.id,
    action: `statement.${status}`,
    detail: { question: question.key, statement: statement.key },
  });
  const source = statement.sourceId ? await store.responses.findById(statement.sourceId) : null;
  const link = source ? await replyLink(deps, source) : null;
  const message = `${status === 'approved' ? 'Approved' : 'Rejected'} by ${reviewer.displayName}: "${statement.label}"${link ? ` (proposed from a reply: ${link})` : ''}`;
  return {
    statement: updated,
    message,
    decision: {
      questionId: question.id,
      statementId: statement.id,
      prompt: question.prompt,
      text: statement.label,
      decision: status,
      summary: message,
    },
  };
}
