import type { RemovedResponses, Store } from '../ports/store.ts';
import { redactQuotes } from './redact-quotes.ts';

/** Says, in the stored digest, that it was amended and what that means for its numbers. */
export const AMENDED_NOTE =
  'Quotes of answers erased or purged since this digest was made are removed; its counts are as they were then.';

/**
 * Stored digests are kept to compare the next week with; after an erasure or purge, quotes of what was removed are
 * taken out of them, and each amended digest is marked. Digests made afterwards are computed from the record.
 */
export async function amendStoredDigests(store: Store, removed: RemovedResponses, at: Date): Promise<number> {
  if (removed.responseIds.length === 0) return 0;
  let amended = 0;
  for (const programmeId of removed.programmeIds) {
    for (const week of await store.digests.weeks(programmeId)) {
      const stored = await store.digests.find(programmeId, week);
      if (!stored) continue;
      const { value, removed: quotes } = redactQuotes(stored.model, removed);
      if (quotes === 0) continue;
      await store.digests.amend(programmeId, week, {
        ...(value as Record<string, unknown>),
        amended: { at: at.toISOString(), note: AMENDED_NOTE },
      });
      amended += 1;
    }
  }
  return amended;
}
