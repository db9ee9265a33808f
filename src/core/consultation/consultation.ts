import type { CommandInvocation, CommandRegistry, CommandReply } from '../commands/command-registry.ts';
import { runCommand } from '../commands/command-registry.ts';
import type { DigestPositions } from '../digest/model.ts';
import type { CommitResult } from '../inbound/group-commit.ts';
import type { InboundEvent } from '../inbound/inbound-event.ts';
import type { QuestionCard, StatementCard } from '../ports/chat-platform.ts';
import type { Clock, Logger } from '../ports/logger.ts';
import type {
  ParticipantRecord,
  PollOptionRecord,
  PostingRecord,
  ProgrammeRecord,
  QuestionRecord,
  ResponseRecord,
  VoteRecord,
} from '../records.ts';
import { type DealtStatement, dealStatement } from '../statements/deal-statement.ts';
import { findStatementQuestion } from '../statements/statement-question.ts';
import { currentPositions, type PositionsAudience } from '../summaries/summary-positions.ts';
import type { Platform, PlatformIdentity } from '../types.ts';
import type { CoreDeps } from './deps.ts';
import { buildQuestionCard } from './question-card.ts';

/**
 * What a chat adapter may ask of the core, and nothing more: hand over what a person did (through the inbound
 * pipeline, stored before the platform is answered), run a `/agora` command, and read what it needs to render and
 * route. Adapters hold this, never the store; every write goes through `submit` or a use case named here.
 */
export interface Consultation {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Resolves once the event is durably in the inbox ('stored' or 'duplicate'); rejects when it could not be. */
  submit(event: InboundEvent): Promise<CommitResult>;
  runCommand(registry: CommandRegistry, invocation: CommandInvocation): Promise<CommandReply>;
  readonly read: ConsultationReads;
}

/** Read-only queries adapters need. Add a query here (named for what it answers) rather than reaching for the store. */
export interface ConsultationReads {
  question(questionId: string): Promise<QuestionRecord | null>;
  /** A poll's options (and, with `includePending`, statements still awaiting approval). */
  options(questionId: string, options?: { includePending?: boolean }): Promise<PollOptionRecord[]>;
  /** The posting a message or its thread belongs to. */
  postingAt(ref: string): Promise<PostingRecord | null>;
  postingsOf(questionId: string): Promise<PostingRecord[]>;
  openQuestions(): Promise<QuestionRecord[]>;
  programmes(): Promise<ProgrammeRecord[]>;
  /** The question as its cards show it now (tally, counts, what may be shown). */
  card(question: QuestionRecord): Promise<QuestionCard>;
  participant(platform: Platform, platformUserId: string): Promise<ParticipantRecord | null>;
  /** A question's responses, oldest first (deleted ones left out). */
  responsesTo(questionId: string): Promise<ResponseRecord[]>;
  responsesOf(participantId: string): Promise<ResponseRecord[]>;
  votesOf(participantId: string): Promise<VoteRecord[]>;
  vote(questionId: string, participantId: string, subject: string): Promise<VoteRecord | null>;
  /** A question's positions now, as `/agora positions` shows them to this audience. */
  positions(question: QuestionRecord, audience: PositionsAudience): Promise<DigestPositions>;
  /** The agree/disagree question a statement belongs to; refused (AgoraError) for any other kind. */
  statementQuestion(questionId: string): Promise<QuestionRecord>;
  /**
   * The next statement for this person; `answered` are statements they have just answered whose votes may not be
   * applied yet, so they are not dealt again.
   */
  nextStatement(questionId: string, participant: PlatformIdentity, answered?: string[]): Promise<DealtStatement>;
}

export type { DealtStatement, StatementCard };

export function createConsultation(
  deps: CoreDeps,
  pipeline: { submit(event: InboundEvent): Promise<CommitResult> },
): Consultation {
  const { store } = deps;
  return {
    clock: deps.clock,
    logger: deps.logger,
    submit: (event) => pipeline.submit(event),
    runCommand: (registry, invocation) => runCommand(deps, registry, invocation),
    read: {
      question: (id) => store.questions.findById(id),
      options: (id, options) => store.questions.options(id, options),
      postingAt: (ref) => store.postings.findByMessageOrThread(ref),
      postingsOf: (id) => store.postings.listByQuestion(id),
      openQuestions: () => store.questions.listByStatus('open'),
      programmes: () => store.programmes.list(),
      card: (question) => buildQuestionCard(store, question),
      participant: (platform, id) => store.participants.find(platform, id),
      responsesTo: (id) => store.responses.listByQuestion(id),
      responsesOf: (id) => store.responses.listByParticipant(id),
      votesOf: (id) => store.votes.listByParticipant(id),
      vote: (questionId, participantId, subject) => store.votes.find(questionId, participantId, subject),
      positions: (question, audience) => currentPositions(deps, question, audience),
      statementQuestion: async (id) => (await findStatementQuestion(deps, id)).question,
      nextStatement: (questionId, participant, answered) =>
        dealStatement(deps, { questionId, participant, ...(answered ? { answered } : {}) }),
    },
  };
}
