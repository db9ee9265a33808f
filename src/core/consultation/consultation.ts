import type { CommandInvocation, CommandRegistry, CommandReply } from '../commands/command-registry.ts';
import { runCommand } from '../commands/command-registry.ts';
import type { CommitResult } from '../inbound/group-commit.ts';
import type { InboundEvent } from '../inbound/inbound-event.ts';
import { type InboundHealth, inboundHealth } from '../inbound/inbound-health.ts';
import type { Clock, Logger } from '../ports/logger.ts';
import type { PollOptionRecord, PostingRecord, QuestionRecord } from '../records.ts';
import type { CoreDeps } from './deps.ts';

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
  /** The inbox by status, and the parked events waiting to be retried (for the organisers' dashboard). */
  inboundHealth(): Promise<InboundHealth>;
}

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
      inboundHealth: () => inboundHealth(store.inbox),
    },
  };
}
