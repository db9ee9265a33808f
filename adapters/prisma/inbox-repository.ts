import type { InboxCounts, InboxEntry, InboxRecord, InboxRepository, InboxStatus } from '../../src/core/ports/inbox.ts';
import type { DatabaseTarget } from './database-url.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { withinTransaction } from './within-transaction.ts';

type Row = Awaited<ReturnType<AgoraPrismaClient['inboxEvent']['findFirstOrThrow']>>;

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
 * The inbox table. A batch is appended in one transaction (one commit however many events). Claims are leases:
 * on PostgreSQL `FOR UPDATE SKIP LOCKED`, so replicas never take the same event; on SQLite (one writer) a conditional
 * update that only takes an event nobody has leased since it was read.
 */
export class PrismaInboxRepository implements InboxRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly target: DatabaseTarget,
  ) {}

  async append(entries: InboxEntry[]): Promise<boolean[]> {
    if (entries.length === 0) return [];
    // Two replicas can commit the same redelivered event at once (PostgreSQL); the loser's batch is read again.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#appendOnce(entries);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  async #appendOnce(entries: InboxEntry[]): Promise<boolean[]> {
    const keys = [...new Set(entries.map((e) => e.key))];
    return withinTransaction(this.db, async (tx) => {
      const known = new Set(
        (await tx.inboxEvent.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key),
      );
      const fresh: InboxEntry[] = [];
      const stored = entries.map((entry) => {
        if (known.has(entry.key)) return false;
        known.add(entry.key);
        fresh.push(entry);
        return true;
      });
      if (fresh.length > 0)
        await tx.inboxEvent.createMany({
          data: fresh.map((e) => ({ ...e, actor: e.actor ?? null, availableAt: e.receivedAt })),
        });
      return stored;
    });
  }

  async claim(worker: string, now: Date, leaseMs: number, limit: number): Promise<InboxRecord[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    if (this.target.provider === 'postgres') {
      const table = `"${this.target.schema.replace(/"/g, '""')}"."InboxEvent"`;
      const rows = await this.db.$queryRawUnsafe<{ id: number }[]>(
        `UPDATE ${table} SET "leaseUntil" = $1, "leasedBy" = $2
         WHERE id IN (
           SELECT e.id FROM ${table} e
           WHERE e.status = 'pending' AND e."availableAt" <= $3 AND (e."leaseUntil" IS NULL OR e."leaseUntil" < $3)
             AND NOT EXISTS (
               SELECT 1 FROM ${table} b WHERE b."orderingKey" = e."orderingKey" AND b.status = 'pending'
                 AND b.id < e.id AND b."leaseUntil" >= $3 AND b."leasedBy" <> $2)
           ORDER BY e.id LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        leaseUntil,
        worker,
        now,
        limit,
      );
      return this.#byIds(rows.map((r) => Number(r.id)));
    }
    const candidates = await this.db.inboxEvent.findMany({
      where: {
        status: 'pending',
        availableAt: { lte: now },
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      },
      orderBy: { id: 'asc' },
      take: limit,
    });
    if (candidates.length === 0) return [];
    const heldByOthers = await this.db.inboxEvent.findMany({
      where: {
        status: 'pending',
        orderingKey: { in: [...new Set(candidates.map((c) => c.orderingKey))] },
        leaseUntil: { gte: now },
        leasedBy: { not: worker },
      },
      select: { id: true, orderingKey: true },
    });
    const firstHeld = new Map<string, number>();
    for (const held of heldByOthers)
      firstHeld.set(held.orderingKey, Math.min(held.id, firstHeld.get(held.orderingKey) ?? held.id));
    const takeable = candidates.filter((c) => (firstHeld.get(c.orderingKey) ?? Number.POSITIVE_INFINITY) > c.id);
    if (takeable.length === 0) return [];
    // One conditional update takes every event still free (SQLite has one writer, so it is atomic); what it took
    // is what now carries this lease.
    await this.db.inboxEvent.updateMany({
      where: {
        id: { in: takeable.map((c) => c.id) },
        status: 'pending',
        OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      },
      data: { leaseUntil, leasedBy: worker },
    });
    const rows = await this.db.inboxEvent.findMany({
      where: { id: { in: takeable.map((c) => c.id) }, leasedBy: worker, leaseUntil },
      orderBy: { id: 'asc' },
    });
    return rows.map(toRecord);
  }

  async #byIds(ids: number[]): Promise<InboxRecord[]> {
    if (ids.length === 0) return [];
    return (await this.db.inboxEvent.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } })).map(toRecord);
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
    await withinTransaction(this.db, async (tx) => {
      for (const [outcome, ids] of byOutcome)
        await tx.inboxEvent.updateMany({
          where: { id: { in: ids }, leasedBy: worker, status: 'pending' },
          data: { status: 'applied', outcome, appliedAt: at, leaseUntil: null },
        });
    });
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
    const groups = await this.db.inboxEvent.groupBy({ by: ['status'], _count: { _all: true } });
    for (const group of groups) counts[group.status as InboxStatus] = group._count._all;
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
