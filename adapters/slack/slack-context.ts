import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import type { QuestionRefresher } from '../../src/core/consultation/question-refresher.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { SlackApi } from './slack-api.ts';
import type { UserDirectory } from './user-directory.ts';

/** Says whether a Slack user is listed as an organiser (ORGANISERS: `slack:U012AB3CD`). */
export type OrganiserCheck = (userId: string, teamId: string) => boolean;

/** What every listener of the adapter works with. */
export interface SlackContext {
  deps: CoreDeps;
  api: SlackApi;
  people: UserDirectory;
  refresher: QuestionRefresher;
  registry: CommandRegistry;
  isOrganiser: OrganiserCheck;
  logger: Logger;
}

/** A message as Slack's events and history methods describe it; only the fields the adapter reads. */
export interface SlackMessage {
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  files?: { name?: string; title?: string; permalink?: string; url_private?: string }[];
  edited?: { user?: string; ts?: string };
}
