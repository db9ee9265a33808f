import type { CoreDeps } from '../consultation/deps.ts';
import type { RetentionPurge } from '../ports/store.ts';
import type { ProgrammeRecord } from '../records.ts';
import { amendStoredDigests } from './amend-digests.ts';

/**
 * The retention period's purge of one programme: what is older than `before` goes, then quotes of it. Inbox copies
 * of events received before then go too, applied or parked (only those still waiting stay, to be recorded): the
 * inbox does not say which programme an event was for, so the shortest period set anywhere applies to it.
 */
export async function purgeExpired(
  deps: CoreDeps,
  programme: ProgrammeRecord,
  before: Date,
): Promise<RetentionPurge & { digestsAmended: number; inboxEvents: number }> {
  const purged = await deps.store.erasure.purgeBefore(programme.id, before);
  const inboxEvents = await deps.store.inbox.purgeReceivedBefore(before);
  const digestsAmended = await amendStoredDigests(deps.store, purged, deps.clock.now());
  return { ...purged, digestsAmended, inboxEvents };
}

/** One line for the job list and the audit log. */
export function describePurge(purged: RetentionPurge & { inboxEvents?: number }, days: number): string {
  const parts = [
    `${purged.responses} response(s)`,
    `${purged.votes} vote(s)`,
    `${purged.participants} participant(s) with nothing left`,
    `the actor and details of ${purged.auditEntries} audit entr${purged.auditEntries === 1 ? 'y' : 'ies'}`,
    `the authorship of ${purged.statementsUnattributed} statement(s)`,
    ...(purged.inboxEvents ? [`${purged.inboxEvents} copied event(s) in the inbox`] : []),
  ];
  return `removed ${parts.join(', ')} older than ${days} days`;
}
