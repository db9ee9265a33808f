import type { CommandInvocation, CommandRegistry, CommandReply } from '../commands/command-registry.ts';
import { runCommand } from '../commands/command-registry.ts';
import type { DigestPositions } from '../digest/model.ts';
import { currentPositions, type PositionsAudience } from '../digest/summary-positions.ts';
import type { Settlement } from '../inbound/applied-watch.ts';
import type { CommitResult } from '../inbound/group-commit.ts';
import type { InboundEvent } from '../inbound/inbound-event.ts';
import { type InboundHealth, inboundHealth } from '../inbound/inbound-health.ts';
import type { PrivateDelivery, QuestionCard } from '../ports/chat-platform.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type {
  PollOptionRecord,
  PostingRecord,
  ProgrammeRecord,
  QuestionRecord,
  ResponseRecord,
  VoteRecord,
} from '../records.ts';
import { type DealtStatement, dealStatement } from '../statements/deal-statement.ts';
import { findProposalSource, proposalDraft } from '../statements/proposal-source.ts';
import { findStatementQuestion } from '../statements/statement-question.ts';
import type { SummaryDeps } from '../summaries/summarise-question.ts';
import { type StandingRequest, tellWhereTheyStand } from '../summaries/tell-where-they-stand.ts';
import { type YourOpinionMap, yourPlaceOnTheMap } from '../summaries/your-place-on-the-map.ts';
import type { Platform, PlatformIdentity } from '../types.ts';
import { closedPollRefusal } from './cast-vote.ts';
import { type ChannelReads, channelReads } from './channel-reads.ts';
import type { CoreDeps } from './deps.ts';
import { type OrganiserDesk, organiserDesk } from './organiser-desk.ts';
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
  /**
   * Waits, at most `timeoutMs`, until the submitted event with this key has been applied and its effects sent, so
   * that what the adapter answers next shows the person's own action; 'pending' when the time ran out.
   */
  whenApplied(key: string, timeoutMs: number): Promise<Settlement>;
  runCommand(registry: CommandRegistry, invocation: CommandInvocation): Promise<CommandReply>;
  /**
   * "Vote on statements": the next statement for this person, or what to tell them. `alsoVoted` counts statements whose votes were just submitted (and may not
   * be applied yet) as voted, so the next card is never the one just answered.
   */
  dealStatement(input: {
    questionId: string;
    participant: PlatformIdentity;
    alsoVoted?: string[];
  }): Promise<DealtStatement>;
  /**
   * "Where do I stand": the core works out where the person stands on an agree/disagree question and tells them
   * privately, through `recipient` (the interaction's reply while valid), never anyone else.
   */
  tellWhereTheyStand(request: StandingRequest): Promise<PrivateDelivery>;
  readonly read: ConsultationReads;
  /** What organisers read and do outside chat (the dashboard). */
  readonly organisers: OrganiserDesk;
}

/** What is stored of one reply in a thread, for catching up on edits and deletions made while away. */
export interface StoredReply {
  messageRef: string;
  editedAt: Date | null;
  deletedAt: Date | null;
}

/** Read-only queries adapters need. Add a query here (named for what it answers) rather than reaching for the store. */
export interface ConsultationReads extends ChannelReads {
  question(questionId: string): Promise<QuestionRecord | null>;
  /** A poll's options (and, with `includePending`, statements still awaiting approval). */
  options(questionId: string, options?: { includePending?: boolean }): Promise<PollOptionRecord[]>;
  /** The posting a message or its thread belongs to. */
  postingAt(ref: string): Promise<PostingRecord | null>;
  postingsOf(questionId: string): Promise<PostingRecord[]>;
  /** Every posting of an open question in a channel of this platform. */
  openPostings(platform: Platform): Promise<PostingRecord[]>;
  /** The replies stored from one thread (deleted ones included). */
  threadReplies(threadRef: string): Promise<StoredReply[]>;
  /** A person's live votes on a question (none when they never took part). */
  votesOf(questionId: string, person: Pick<PlatformIdentity, 'platform' | 'platformUserId'>): Promise<VoteRecord[]>;
  openQuestions(): Promise<QuestionRecord[]>;
  programmes(): Promise<ProgrammeRecord[]>;
  /** The question as its cards show it now (tally, counts, what may be shown). */
  questionCard(question: QuestionRecord): Promise<QuestionCard>;
  /** A question's responses, oldest first (deleted ones left out). */
  responsesTo(questionId: string): Promise<ResponseRecord[]>;
  responsesOf(participantId: string): Promise<ResponseRecord[]>;
  vote(questionId: string, participantId: string, subject: string): Promise<VoteRecord | null>;
  /** A question's positions now, as `/agora positions` shows them to this audience. */
  positions(question: QuestionRecord, audience: PositionsAudience): Promise<DigestPositions>;
  /**
   * "Propose as a statement" on a reply: its question and the form's starting text, or refused (AgoraError) with
   * the reason (not a recorded reply, no statements on its question, closed, neither the author nor an organiser).
   */
  statementProposal(input: {
    replyRef: string;
    proposer: PlatformIdentity;
    proposerIsOrganiser: boolean;
  }): Promise<StatementProposal>;
  /** An agree/disagree question's opinion map for this viewer, their own dot marked; null where none is shown. */
  opinionMapFor(
    question: QuestionRecord,
    viewer: Pick<PlatformIdentity, 'platform' | 'platformUserId'>,
  ): Promise<YourOpinionMap | null>;
  /** The agree/disagree question a statement belongs to; refused (AgoraError) for any other kind. */
  statementQuestion(questionId: string): Promise<QuestionRecord>;
  /** Why a vote on this poll would be refused now that it has closed (worded as the core words it); null when open. */
  closedPollRefusal(questionId: string): Promise<string | null>;
  /** The inbox by status, and the parked events waiting to be retried (for the organisers' dashboard). */
  inboundHealth(): Promise<InboundHealth>;
}

/** What the "Propose as a statement" form shows: the question, and the reply's words to edit down. */
export interface StatementProposal {
  questionId: string;
  prompt: string;
  draft: string;
}

export type { DealtStatement, StandingRequest, YourOpinionMap };

export function createConsultation(
  deps: CoreDeps & SummaryDeps,
  pipeline: {
    submit(event: InboundEvent): Promise<CommitResult>;
    whenApplied?(key: string, timeoutMs: number): Promise<Settlement>;
  },
): Consultation {
  const { store } = deps;
  return {
    clock: deps.clock,
    logger: deps.logger,
    submit: (event) => pipeline.submit(event),
    whenApplied: (key, timeoutMs) =>
      pipeline.whenApplied?.(key, timeoutMs) ?? Promise.resolve({ status: 'pending' } as const),
    runCommand: (registry, invocation) => runCommand(deps, registry, invocation),
    dealStatement: (input) => dealStatement(deps, input),
    tellWhereTheyStand: (request) => tellWhereTheyStand(deps, request),
    organisers: organiserDesk(deps),
    read: {
      ...channelReads(deps),
      question: (id) => store.questions.findById(id),
      options: (id, options) => store.questions.options(id, options),
      postingAt: (ref) => store.postings.findByMessageOrThread(ref),
      postingsOf: (id) => store.postings.listByQuestion(id),
      async openPostings(platform) {
        const found: PostingRecord[] = [];
        for (const question of await store.questions.listByStatus('open')) {
          for (const posting of await store.postings.listByQuestion(question.id)) {
            if ((await store.channels.targetById(posting.channelTargetId))?.platform === platform) found.push(posting);
          }
        }
        return found;
      },
      async threadReplies(threadRef) {
        const posting = await store.postings.findByMessageOrThread(threadRef);
        if (!posting) return [];
        const responses = await store.responses.listByQuestion(posting.questionId, { includeDeleted: true });
        return responses.flatMap((r) =>
          r.postingId === posting.id && r.messageRef
            ? [{ messageRef: r.messageRef, editedAt: r.editedAt, deletedAt: r.deletedAt }]
            : [],
        );
      },
      async votesOf(questionId, person) {
        const participant = await store.participants.find(person.platform, person.platformUserId);
        if (!participant) return [];
        return (await store.votes.listByParticipant(participant.id)).filter(
          (v) => v.questionId === questionId && v.retractedAt === null,
        );
      },
      openQuestions: () => store.questions.listByStatus('open'),
      programmes: () => store.programmes.list(),
      questionCard: (question) => buildQuestionCard(store, question),
      responsesTo: (id) => store.responses.listByQuestion(id),
      responsesOf: (id) => store.responses.listByParticipant(id),
      vote: (questionId, participantId, subject) => store.votes.find(questionId, participantId, subject),
      positions: (question, audience) => currentPositions(deps, question, audience),
      async statementProposal(input) {
        const { question, response } = await findProposalSource(deps, input);
        return { questionId: question.id, prompt: question.prompt, draft: proposalDraft(response.body) };
      },
      opinionMapFor: (question, viewer) => yourPlaceOnTheMap(deps, question, viewer),
      statementQuestion: async (id) => (await findStatementQuestion(deps, id)).question,
      closedPollRefusal: async (id) => {
        const question = await store.questions.findById(id);
        return question ? closedPollRefusal(deps, question) : null;
      },
      inboundHealth: () => inboundHealth(store.inbox),
    },
  };
}
