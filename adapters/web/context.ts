import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import type { ReminderPolicy } from '../../src/core/consultation/send-reminders.ts';
import type { InboundHealth } from '../../src/core/inbound/inbound-health.ts';
import type { DigestCatalogue } from './dashboard/digests.ts';
import type { ActivityBus } from './event-bus.ts';
import type { WebSandboxPlatform } from './platform.ts';
import type { DealtStatements } from './sandbox/dealt-statements.ts';
import type { OrganiserAccess } from './security/access.ts';
import type { Session, SessionKeeper } from './security/session.ts';

/** Programme files the dashboard may re-load (from PROGRAMMES_DIR); given by the composition root. */
export interface ProgrammeFiles {
  /** File names (not paths) that can be re-loaded. */
  list(): Promise<string[]>;
  /** Re-loads one file by name and re-plans its jobs; problems are returned as readable lines. */
  reload(name: string): Promise<{ slug?: string; summary: string; problems: string[] }>;
}

export interface WebOptions {
  deps: CoreDeps;
  commands: CommandRegistry;
  /** ORGANISER_API_TOKEN: the sign-in password and bearer token off localhost. Unset: local access only. */
  organiserToken?: string | undefined;
  /** Serve the sandbox channels (and register the web platform); the dashboard is served either way. */
  sandbox: boolean;
  /** Sandbox user ids that count as organisers (the `web:` entries of ORGANISERS). */
  sandboxOrganisers?: string[];
  /** Quiet hours and the reminder interval, for the dashboard's Remind. */
  reminders?: ReminderPolicy | null;
  programmeFiles?: ProgrammeFiles;
  digests?: DigestCatalogue;
  /** The inbox's state and parked events, for the dashboard (a core read query). */
  inboundHealth?: () => Promise<InboundHealth>;
}

export interface WebServices {
  options: WebOptions;
  bus: ActivityBus;
  platform: WebSandboxPlatform;
  /** The statement each sandbox visitor was dealt last, per question. */
  dealt: DealtStatements;
  sessions: SessionKeeper;
}

export type WebEnv = {
  Variables: {
    session: Session;
    csrf: string;
    access: OrganiserAccess | null;
    secure: boolean;
  };
};
