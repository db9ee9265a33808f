import type { CoreDeps } from '../consultation/deps.ts';
import type { RetentionPurge } from '../ports/store.ts';
import type { ProgrammeRecord } from '../records.ts';
import { amendStoredDigests } from './amend-digests.ts';

/** The retention period's purge of one programme: what is older than `before` goes, then quotes of it. */
export async function purgeExpired(
  deps: CoreDeps,
  programme: ProgrammeRecord,
  before: Date,
): Promise<RetentionPurge & { digestsAmended: number }> {
  const purged = await deps.store.erasure.purgeBefore(programme.id, before);
  const digestsAmended = await amendStoredDigests(deps.store, purged, deps.clock.now());
  return { ...purged, digestsAmended };
}

/** One line for the job list and the audit log. */
export function describePurge(purged: RetentionPurge, days: number): string {
  const parts = [
    `${purged.responses} response(s)`,
    `${purged.votes} vote(s)`,
    `${purged.participants} participant(s) with nothing left`,
    `the actor and details of ${purged.auditEntries} audit entr${purged.auditEntries === 1 ? 'y' : 'ies'}`,
    `the authorship of ${purged.statementsUnattributed} statement(s)`,
  ];
  return `removed ${parts.join(', ')} older than ${days} days`;
}
