import { castVote, type STATEMENT_VOTES } from '../consultation/cast-vote.ts';
import type { CoreDeps } from '../consultation/deps.ts';
import type { StatementCard } from '../ports/chat-platform.ts';
import type { PlatformIdentity } from '../types.ts';
import { chooseNextStatement, tallyStatements } from './next-statement.ts';
import { replyLink } from './proposal-source.ts';
import { findStatementQuestion, requireOpen } from './statement-question.ts';

const END_OF_TIME = new Date('9999-12-31T23:59:59Z');

export type StatementVote = (typeof STATEMENT_VOTES)[number];

/** The next card for this person, or, when they have voted on every statement, what to tell them. */
export type DealtStatement =
  | { kind: 'card'; card: StatementCard }
  | { kind: 'done'; message: string; questionId: string; allowStatements: boolean };

/**
 * Deals the next statement this person has not voted on (see next-statement.ts for the order); `alsoVoted` are
 * statements whose votes are on their way (submitted, not applied yet).
 */
export async function dealStatement(
  deps: CoreDeps,
  input: { questionId: string; participant: PlatformIdentity; alsoVoted?: string[] },
): Promise<DealtStatement> {
  const { store } = deps;
  const { question } = await findStatementQuestion(deps, input.questionId);
  requireOpen(question, 'vote on its statements');
  const participant = await store.participants.upsert(input.participant);
  const statements = await store.questions.options(question.id);
  // Aggregated in the store, so that dealing stays quick however many votes a question has.
  const tally = await store.reporting.tallyVotes(question.id, { until: END_OF_TIME });
  const mine = new Set(
    (await store.votes.listByParticipant(participant.id))
      .filter((v) => v.questionId === question.id && !v.retractedAt)
      .map((v) => v.subject)
      .concat(input.alsoVoted ?? []),
  );
  const voted = statements.filter((s) => mine.has(s.key)).length;
  const allowStatements = question.config.participantStatements !== false;
  const next = chooseNextStatement(statements, tallyStatements(tally), mine, `${question.id}\n${participant.id}`);
  if (!next) {
    return {
      kind: 'done',
      questionId: question.id,
      allowStatements,
      message:
        statements.length === 0
          ? 'There are no statements to vote on yet.'
          : `You have voted on ${statements.length === 1 ? 'the only statement' : `all ${statements.length} statements`}. Thank you!${allowStatements ? ' You can add one of your own.' : ''}`,
    };
  }
  const source = next.sourceId ? await store.responses.findById(next.sourceId) : null;
  return {
    kind: 'card',
    card: {
      questionId: question.id,
      prompt: question.prompt,
      statementKey: next.key,
      text: next.label,
      voted,
      total: statements.length,
      allowStatements,
      source: source ? await replyLink(deps, source) : null,
    },
  };
}

/** Records a vote from a dealt card, then deals the next statement. */
export async function answerStatement(
  deps: CoreDeps,
  input: {
    questionId: string;
    participant: PlatformIdentity;
    statementKey: string;
    vote: StatementVote;
    idempotencyKey: string;
    at: Date;
  },
): Promise<DealtStatement> {
  await castVote(deps, {
    questionId: input.questionId,
    author: input.participant,
    subject: input.statementKey,
    choice: [input.vote],
    idempotencyKey: input.idempotencyKey,
    at: input.at,
  });
  return dealStatement(deps, { questionId: input.questionId, participant: input.participant });
}
