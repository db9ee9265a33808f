import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import type { ReminderPolicy } from '../../src/core/consultation/send-reminders.ts';
import type { DigestCatalogue } from './dashboard/digests.ts';
import type { DealtStatements } from './outbound/dealt-statements.ts';
import type { WebSandboxPlatform } from './outbound/platform.ts';
import type { ActivityBus } from './transport/event-bus.ts';
import type { OrganiserAccess } from './transport/security/access.ts';
import type { Session, SessionKeeper } from './transport/security/session.ts';

/** Programme files the dashboard may re-load (from PROGRAMMES_DIR); given by the composition root. */
export interface ProgrammeFiles {
  /** File names (not paths) that can be re-loaded. */
  list(): Promise<string[]>;
  /** Re-loads one file by name and re-plans its jobs; problems are returned as readable lines. */
  reload(name: string): Promise<{ slug?: string; summary: string; problems: string[] }>;
}

export interface WebOptions {
  /** What the adapter may ask of the core: every write through the pipeline or a named use case, named reads. */
  consultation: Consultation;
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
  /** PUBLIC_URL: makes the sandbox's message links absolute. */
  publicUrl?: string | undefined;
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
