import type { InboxCounts, InboxEntry, InboxRecord, InboxRepository, InboxStatus } from '../../src/core/ports/inbox.ts';
import type { DatabaseTarget } from './database-url.ts';
import type { SqliteInboxAppender } from './inbox-appender.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { type Column, dialectSql, type RawSql } from './raw-sql.ts';
import { withinTransaction } from './within-transaction.ts';

type Row = Awaited<ReturnType<AgoraPrismaClient['inboxEvent']['findFirstOrThrow']>>;

/** The columns an appended event sets (`availableAt` starts as `receivedAt`); the rest take their defaults. */
const APPEND_COLUMNS: Column[] = [
  { name: 'key', type: 'text' },
  { name: 'orderingKey', type: 'text' },
  { name: 'kind', type: 'text' },
  { name: 'payload', type: 'text' },
  { name: 'receivedAt', type: 'timestamp' },
  { name: 'availableAt', type: 'timestamp' },
  { name: 'actor', type: 'text' },
];
const quoted = (columns: Column[]) => columns.map((c) => `"${c.name}"`).join(', ');

function toRecord(row: Row): InboxRecord {
  return {
    id: row.id,
    key: row.key,
    orderingKey: row.orderingKey,
    kind: row.kind,
    payload: row.payload,
    receivedAt: row.receivedAt,
    status: row.status as InboxStatus,
    attempts: row.attempts,
    availableAt: row.availableAt,
    lastError: row.lastError,
    outcome: row.outcome,
    appliedAt: row.appliedAt,
    actor: row.actor,
  };
}

/**
 * The inbox table. A batch is appended in one statement (one commit however many events). Claims are leases, taken
 * in one update: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so replicas never take the same event; on SQLite (one
 * writer) the update is atomic as it stands. The hot statements are sent raw (see `RawSql`).
 */
export class PrismaInboxRepository implements InboxRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly target: DatabaseTarget,
    private readonly raw: RawSql,
    /** On SQLite, outside a transaction: appends go through the inbox's own connection and thread. */
    private readonly appender: SqliteInboxAppender | null = null,
  ) {}

  async append(entries: InboxEntry[]): Promise<boolean[]> {
    if (entries.length === 0) return [];
    // One statement: a key already stored (a redelivery, or another replica's commit of the same event) is
    // skipped, not an error, and what was inserted comes back.
    const first = new Map<string, InboxEntry>();
    for (const entry of entries) if (!first.has(entry.key)) first.set(entry.key, entry);
    const rows = this.raw.rows(
      APPEND_COLUMNS,
      [...first.values()].map((e) => [e.key, e.orderingKey, e.kind, e.payload, e.receivedAt, e.receivedAt, e.actor]),
    );
    const sql = `INSERT INTO {InboxEvent} (${quoted(APPEND_COLUMNS)}) ${rows.select}
       ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
    const stored = this.appender
      ? await this.appender.query<{ key: string }>(dialectSql(this.target, sql), [rows.param])
      : await this.raw.query<{ key: string }>(sql, [rows.param]);
    const inserted = new Set(stored.map((row) => row.key));
    // The first of a key's entries in the batch is the one stored; any later one is its duplicate.
    return entries.map((entry) => inserted.delete(entry.key));
  }

  async claim(worker: string, now: Date, leaseMs: number, limit: number): Promise<InboxRecord[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // One statement takes the first due events whose ordering key has no earlier event leased to another worker
    // (those keys are found first, from the (status, leaseUntil) index: only events under a live lease are read,
    // not every pending one). On PostgreSQL rows another replica is claiming are skipped, so replicas never take the
    // same event; SQLite has one writer, so it is atomic there.
    // A pending event has no `appliedAt`: saying so lets SQLite read pending events in id order from the
    // (status, appliedAt) index and stop at the limit, rather than sort every pending event on each claim.
    const rows = await this.raw.query<Row>(
      `UPDATE {InboxEvent} SET "leaseUntil" = ?, "leasedBy" = ?
       WHERE id IN (
         WITH held AS (
           SELECT "orderingKey", MIN(id) AS first FROM {InboxEvent}
           WHERE status = 'pending' AND "leaseUntil" >= ? AND "leasedBy" <> ? GROUP BY "orderingKey")
         SELECT e.id FROM {InboxEvent} e LEFT JOIN held h ON h."orderingKey" = e."orderingKey"
         WHERE e.status = 'pending' AND e."appliedAt" IS NULL AND e."availableAt" <= ?
           AND (e."leaseUntil" IS NULL OR e."leaseUntil" < ?)
           AND (h.first IS NULL OR h.first > e.id)
         ORDER BY e.id LIMIT ?${this.target.provider === 'postgres' ? ' FOR UPDATE OF e SKIP LOCKED' : ''})
       RETURNING *`,
      [leaseUntil, worker, now, worker, now, now, limit],
    );
    return rows.map(toRecord).sort((a, b) => a.id - b.id);
  }

  async markApplied(id: number, worker: string, outcome: string, at: Date): Promise<void> {
    await this.db.inboxEvent.updateMany({
      where: { id, leasedBy: worker, status: 'pending' },
      data: { status: 'applied', outcome, appliedAt: at, leaseUntil: null },
    });
  }

  async markAllApplied(applied: { id: number; outcome: string }[], worker: string, at: Date): Promise<void> {
    const byOutcome = new Map<string, number[]>();
    for (const { id, outcome } of applied) byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), id]);
    const mark = async (raw: RawSql) => {
      for (const [outcome, ids] of byOutcome) {
        const list = raw.list('integer', ids);
        await raw.execute(
          `UPDATE {InboxEvent} SET status = 'applied', outcome = ?, "appliedAt" = ?, "leaseUntil" = NULL
           WHERE id IN ${list.in} AND "leasedBy" = ? AND ${raw.unindexed('status')} = 'pending'`,
          [outcome, at, list.param, worker],
        );
      }
    };
    // Most batches have one outcome: one statement, which needs no transaction of its own.
    if (byOutcome.size === 1) await mark(this.raw);
    else if (byOutcome.size > 1) await withinTransaction(this.db, (tx) => mark(this.raw.within(tx)));
  }

  async retryLater(
    id: number,
    worker: string,
    availableAt: Date,
    error: string | null,
    countAttempt: boolean,
  ): Promise<void> {
    await this.db.inboxEvent.updateMany({
      where: { id, leasedBy: worker, status: 'pending' },
      data: {
        availableAt,
        leaseUntil: null,
        ...(error ? { lastError: error } : {}),
        ...(countAttempt ? { attempts: { increment: 1 } } : {}),
      },
    });
  }

  async park(id: number, worker: string, error: string): Promise<void> {
    await this.db.inboxEvent.updateMany({
      where: { id, leasedBy: worker, status: 'pending' },
      data: { status: 'parked', lastError: error, leaseUntil: null, attempts: { increment: 1 } },
    });
  }

  async retryParked(now: Date, ids?: number[]): Promise<number> {
    const { count } = await this.db.inboxEvent.updateMany({
      where: { status: 'parked', ...(ids ? { id: { in: ids } } : {}) },
      data: { status: 'pending', attempts: 0, availableAt: now, leaseUntil: null, leasedBy: null },
    });
    return count;
  }

  async list(status: InboxStatus, limit: number): Promise<InboxRecord[]> {
    const rows = await this.db.inboxEvent.findMany({ where: { status }, orderBy: { id: 'asc' }, take: limit });
    return rows.map(toRecord);
  }

  async leaseHolders(now: Date): Promise<string[]> {
    const rows = await this.db.inboxEvent.findMany({
      where: { status: 'pending', leaseUntil: { gte: now }, leasedBy: { not: null } },
      distinct: ['leasedBy'],
      select: { leasedBy: true },
    });
    return rows.map((r) => r.leasedBy as string);
  }

  async releaseLeases(worker: string): Promise<number> {
    const released = await this.db.inboxEvent.updateMany({
      where: { status: 'pending', leasedBy: worker },
      data: { leaseUntil: null, leasedBy: null },
    });
    return released.count;
  }

  async counts(): Promise<InboxCounts> {
    const counts: InboxCounts = { pending: 0, applied: 0, parked: 0 };
    // Asked often (health, metrics, waiting for a drain): sent raw, like the statements of the inbound path.
    const groups = await this.raw.query<{ status: InboxStatus; events: number | bigint }>(
      'SELECT status, COUNT(*) AS events FROM {InboxEvent} GROUP BY status',
      [],
    );
    for (const group of groups) counts[group.status] = Number(group.events);
    return counts;
  }

  async purgeApplied(before: Date): Promise<number> {
    const { count } = await this.db.inboxEvent.deleteMany({ where: { status: 'applied', appliedAt: { lt: before } } });
    return count;
  }

  async eraseFor(actors: string[]): Promise<InboxCounts> {
    const erased: InboxCounts = { pending: 0, applied: 0, parked: 0 };
    if (actors.length === 0) return erased;
    return this.db.$transaction(async (tx) => {
      const where = { actor: { in: actors } };
      const groups = await tx.inboxEvent.groupBy({ by: ['status'], where, _count: { _all: true } });
      for (const group of groups) erased[group.status as InboxStatus] = group._count._all;
      await tx.inboxEvent.deleteMany({ where });
      return erased;
    });
  }

  async purgeReceivedBefore(before: Date): Promise<number> {
    const { count } = await this.db.inboxEvent.deleteMany({
      where: { status: { not: 'pending' }, receivedAt: { lt: before } },
    });
    return count;
  }
}
