import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import type { QuestionRefresher } from '../../src/core/consultation/question-refresher.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { DiscordRest } from './discord-rest.ts';
import type { OrganiserList } from './interaction-identity.ts';

/** What every interaction handler works with. */
export interface InteractionContext {
  deps: CoreDeps;
  registry: CommandRegistry;
  rest: DiscordRest;
  refresher: QuestionRefresher;
  isOrganiser: OrganiserList;
  organiserRole: string;
  logger: Logger;
  /** When an interaction not answered by then is deferred (Discord allows 3 seconds). */
  deferAfterMs: number;
}
