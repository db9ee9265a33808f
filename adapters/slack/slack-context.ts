import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { UserDirectory } from './inbound/user-directory.ts';
import type { SlackApi } from './transport/slack-api.ts';

/** Says whether a Slack user is listed as an organiser (ORGANISERS: `slack:U012AB3CD`). */
export type OrganiserCheck = (userId: string, teamId: string) => boolean;

/** What every listener of the adapter works with. */
export interface SlackContext {
  /** The core: what people do goes to `submit`, commands to `runCommand`; reads through `read`. Never the store. */
  consultation: Consultation;
  api: SlackApi;
  people: UserDirectory;
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
