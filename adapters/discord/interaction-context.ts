import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { OrganiserList } from './inbound/interaction-identity.ts';
import type { SubmittedStances } from './inbound/submitted-stances.ts';
import type { PendingAnswers } from './outbound/reply-handles.ts';
import type { DiscordRest } from './transport/discord-rest.ts';

/** What every interaction handler works with. */
export interface InteractionContext {
  consultation: Consultation;
  registry: CommandRegistry;
  rest: DiscordRest;
  /** Interactions being acknowledged now, so that the core's notice for one waits for its deferral. */
  answers: PendingAnswers;
  /** Statements people answered lately, whose votes may not be applied yet. */
  stances: SubmittedStances;
  isOrganiser: OrganiserList;
  organiserRole: string;
  logger: Logger;
  /** When an interaction not answered by then is deferred (Discord allows 3 seconds). */
  deferAfterMs: number;
  /** When this interaction arrived (ms): its 3 seconds run from then. */
  receivedAt: number;
}

/** What is left of the time before an interaction must be deferred. */
export function deferBudget(context: InteractionContext): number {
  return Math.max(0, context.deferAfterMs - (Date.now() - context.receivedAt));
}
