import type { CommandInvocation, CommandRegistry, CommandReply } from '../commands/command-registry.ts';
import { runCommand } from '../commands/command-registry.ts';
import type { Settlement } from '../inbound/applied-watch.ts';
import type { CommitResult } from '../inbound/group-commit.ts';
import type { InboundEvent } from '../inbound/inbound-event.ts';
import type { Clock, Logger } from '../ports/logger.ts';
import type { PollOptionRecord, PostingRecord, QuestionRecord } from '../records.ts';
import { type DealtStatement, dealStatement } from '../statements/deal-statement.ts';
import type { SummaryDeps } from '../summaries/summarise-question.ts';
import type { PlatformIdentity } from '../types.ts';
import { type ChannelReads, channelReads } from './channel-reads.ts';
import type { CoreDeps } from './deps.ts';
import { type OrganiserDesk, organiserDesk } from './organiser-desk.ts';

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
  readonly read: ConsultationReads;
  /** "Vote on statements": the next statement this person has not voted on, or what to tell them. */
  dealStatement(input: { questionId: string; participant: PlatformIdentity }): Promise<DealtStatement>;
  /** What organisers read and do outside chat (the dashboard). */
  readonly organisers: OrganiserDesk;
}

/** Read-only queries adapters need. Add a query here (named for what it answers) rather than reaching for the store. */
export interface ConsultationReads extends ChannelReads {
  question(questionId: string): Promise<QuestionRecord | null>;
  /** A poll's options (and, with `includePending`, statements still awaiting approval). */
  options(questionId: string, options?: { includePending?: boolean }): Promise<PollOptionRecord[]>;
  /** The posting a message or its thread belongs to. */
  postingAt(ref: string): Promise<PostingRecord | null>;
  postingsOf(questionId: string): Promise<PostingRecord[]>;
}

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
    organisers: organiserDesk(deps),
    read: {
      ...channelReads(deps),
      question: (id) => store.questions.findById(id),
      options: (id, options) => store.questions.options(id, options),
      postingAt: (ref) => store.postings.findByMessageOrThread(ref),
      postingsOf: (id) => store.postings.listByQuestion(id),
    },
  };
}
