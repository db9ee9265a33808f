import type { CoreDeps } from '../consultation/deps.ts';

/**
 * How long the record of an event that was dealt with is kept. Platforms redeliver within minutes to an hour (Slack
 * retries three times within about an hour, Discord's interaction tokens last 15 minutes); a week is far beyond
 * that. Catch-up reading older history again is still safe: applying an event twice leaves one effect.
 */
export const BOOKKEEPING_KEEP_DAYS = 7;

export interface BookkeepingPurge {
  /** Applied inbox events removed. */
  inboxEvents: number;
  /** Seen platform event ids removed. */
  seenEvents: number;
  before: Date;
}

/** Removes applied inbox events and seen event ids older than the redelivery windows. Parked and pending stay. */
export async function purgeBookkeeping(deps: CoreDeps, now: Date, keepDays = BOOKKEEPING_KEEP_DAYS) {
  const before = new Date(now.getTime() - keepDays * 86_400_000);
  const inboxEvents = await deps.store.inbox.purgeApplied(before);
  const seenEvents = await deps.store.processedEvents.purgeBefore(before);
  return { inboxEvents, seenEvents, before } satisfies BookkeepingPurge;
}
