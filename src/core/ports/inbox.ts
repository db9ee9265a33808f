/**
 * The durable inbox the inbound pipeline writes every event to before the platform is answered, and applies from.
 * One Prisma implementation serves SQLite and PostgreSQL; the unit suite uses an in-process one.
 */

export type InboxStatus = 'pending' | 'applied' | 'parked';

/** An event as committed: what it is (kind, payload as JSON) and the keys it is deduplicated and ordered by. */
export interface InboxEntry {
  /** Platform-scoped idempotency key, e.g. `slack:T1:C1:1717000010.000100`. Unique in the inbox. */
  key: string;
  /** What the event touches (a question, a thread): events with one ordering key are applied in commit order. */
  orderingKey: string;
  kind: string;
  payload: string;
  receivedAt: Date;
  /**
   * Whom the event carries, so erasure finds it: `platform:userId` of whoever did it, or `message:<ref>` of the
   * reply an edit or deletion changes (those events name no author). Null when it names no one.
   */
  actor?: string | null;
}

export interface InboxRecord extends InboxEntry {
  /** Commit order: later commits have larger ids. */
  id: number;
  status: InboxStatus;
  attempts: number;
  availableAt: Date;
  lastError: string | null;
  outcome: string | null;
  appliedAt: Date | null;
}

export interface InboxCounts {
  pending: number;
  applied: number;
  parked: number;
}

export interface InboxRepository {
  /**
   * Commits the entries in one transaction. Returns, in order, true for each entry stored now and false for a
   * duplicate (its key was already in the inbox, or earlier in the same call). Throws when nothing was stored.
   */
  append(entries: InboxEntry[]): Promise<boolean[]>;
  /**
   * Leases up to `limit` pending events that are due, in commit order, for `worker`: no two workers hold the same
   * event, and an event is not handed out while an earlier one with the same ordering key is leased to another.
   */
  claim(worker: string, now: Date, leaseMs: number, limit: number): Promise<InboxRecord[]>;
  /** The event is applied; `outcome` says how (recorded, duplicate, unknown...). Only while `worker` holds it. */
  markApplied(id: number, worker: string, outcome: string, at: Date): Promise<void>;
  /** Many events applied together (a batch), each with its outcome, in as few writes as their outcomes allow. */
  markAllApplied(applied: { id: number; outcome: string }[], worker: string, at: Date): Promise<void>;
  /** Back to pending, due at `availableAt`; `error` is kept and, when `countAttempt`, the attempt counted. */
  retryLater(id: number, worker: string, availableAt: Date, error: string | null, countAttempt: boolean): Promise<void>;
  /** Parks a poison event with its error: kept, visible, never applied until retried. */
  park(id: number, worker: string, error: string): Promise<void>;
  /** Puts parked events (all, or those with these ids) back to pending, due now, attempts reset. */
  retryParked(now: Date, ids?: number[]): Promise<number>;
  list(status: InboxStatus, limit: number): Promise<InboxRecord[]>;
  /** The workers holding a lease on some pending event now. */
  leaseHolders(now: Date): Promise<string[]>;
  /** Gives back every lease `worker` holds, as if it had run out: for a worker known to have died. */
  releaseLeases(worker: string): Promise<number>;
  counts(): Promise<InboxCounts>;
  /** Deletes applied events applied before `before` (older than any platform's redelivery window). */
  purgeApplied(before: Date): Promise<number>;
  /**
   * Deletes every event, whatever its status, that carries these actors (see `InboxEntry.actor`): for a person's
   * erasure, their own events and the edits and deletions of their replies. Pending and parked ones go too (never
   * applied). Returns how many of each status went.
   */
  eraseFor(actors: string[]): Promise<InboxCounts>;
  /** Deletes events received before `before` that are no longer pending (applied or parked): the retention purge. */
  purgeReceivedBefore(before: Date): Promise<number>;
}
