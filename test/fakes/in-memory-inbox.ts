import type { InboxCounts, InboxEntry, InboxRecord, InboxRepository, InboxStatus } from '../../src/core/ports/inbox.ts';

interface Held extends InboxRecord {
  leaseUntil: Date | null;
  leasedBy: string | null;
}

/**
 * The inbox port in process, for the pipeline's unit suite: the same contract as the Prisma inbox (the store suite
 * holds both to it), plus switches that make the next append or claim fail the way a database does when it goes.
 */
export class InMemoryInbox implements InboxRepository {
  readonly rows: Held[] = [];
  /** Commits seen, with their sizes: group commit shows here. */
  readonly commits: number[] = [];
  failAppends = 0;
  failClaims = 0;
  /** Called inside each append, before it commits: a test can hold a commit open. */
  beforeCommit: () => Promise<void> = async () => {};
  #next = 1;

  async append(entries: InboxEntry[]): Promise<boolean[]> {
    await this.beforeCommit();
    if (this.failAppends > 0) {
      this.failAppends--;
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    }
    const known = new Set(this.rows.map((r) => r.key));
    const stored = entries.map((entry) => {
      if (known.has(entry.key)) return false;
      known.add(entry.key);
      this.rows.push({
        ...entry,
        id: this.#next++,
        status: 'pending',
        attempts: 0,
        availableAt: entry.receivedAt,
        lastError: null,
        outcome: null,
        appliedAt: null,
        leaseUntil: null,
        leasedBy: null,
      });
      return true;
    });
    this.commits.push(entries.length);
    return stored;
  }

  async claim(worker: string, now: Date, leaseMs: number, limit: number): Promise<InboxRecord[]> {
    if (this.failClaims > 0) {
      this.failClaims--;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    }
    const held = (r: Held) => r.status === 'pending' && r.leaseUntil !== null && r.leaseUntil >= now;
    const taken: InboxRecord[] = [];
    for (const row of this.rows) {
      if (taken.length >= limit) break;
      if (row.status !== 'pending' || row.availableAt > now || held(row)) continue;
      const blocked = this.rows.some(
        (b) => b.orderingKey === row.orderingKey && b.id < row.id && held(b) && b.leasedBy !== worker,
      );
      if (blocked) continue;
      row.leaseUntil = new Date(now.getTime() + leaseMs);
      row.leasedBy = worker;
      taken.push(this.#copy(row));
    }
    return taken;
  }

  #copy(row: Held): InboxRecord {
    const { leaseUntil: _lease, leasedBy: _by, ...record } = row;
    return { ...record };
  }

  #leased(id: number, worker: string): Held | undefined {
    return this.rows.find((r) => r.id === id && r.leasedBy === worker && r.status === 'pending');
  }

  async markApplied(id: number, worker: string, outcome: string, at: Date): Promise<void> {
    const row = this.#leased(id, worker);
    if (row) Object.assign(row, { status: 'applied', outcome, appliedAt: at, leaseUntil: null });
  }

  async markAllApplied(applied: { id: number; outcome: string }[], worker: string, at: Date): Promise<void> {
    for (const { id, outcome } of applied) await this.markApplied(id, worker, outcome, at);
  }

  async retryLater(id: number, worker: string, availableAt: Date, error: string | null, count: boolean) {
    const row = this.#leased(id, worker);
    if (!row) return;
    Object.assign(row, { availableAt, leaseUntil: null, attempts: row.attempts + (count ? 1 : 0) });
    if (error) row.lastError = error;
  }

  async park(id: number, worker: string, error: string): Promise<void> {
    const row = this.#leased(id, worker);
    if (row) Object.assign(row, { status: 'parked', lastError: error, leaseUntil: null, attempts: row.attempts + 1 });
  }

  async retryParked(now: Date, ids?: number[]): Promise<number> {
    let count = 0;
    for (const row of this.rows) {
      if (row.status !== 'parked' || (ids && !ids.includes(row.id))) continue;
      Object.assign(row, { status: 'pending', attempts: 0, availableAt: now, leaseUntil: null, leasedBy: null });
      count++;
    }
    return count;
  }

  async list(status: InboxStatus, limit: number): Promise<InboxRecord[]> {
    return this.rows
      .filter((r) => r.status === status)
      .slice(0, limit)
      .map((r) => this.#copy(r));
  }

  async leaseHolders(now: Date): Promise<string[]> {
    const held = this.rows.filter((r) => r.status === 'pending' && r.leaseUntil !== null && r.leaseUntil >= now);
    return [...new Set(held.map((r) => r.leasedBy as string))];
  }

  async releaseLeases(worker: string): Promise<number> {
    const mine = this.rows.filter((r) => r.status === 'pending' && r.leasedBy === worker);
    for (const row of mine) Object.assign(row, { leaseUntil: null, leasedBy: null });
    return mine.length;
  }

  async counts(): Promise<InboxCounts> {
    const counts: InboxCounts = { pending: 0, applied: 0, parked: 0 };
    for (const row of this.rows) counts[row.status]++;
    return counts;
  }

  async purgeApplied(before: Date): Promise<number> {
    const keep = this.rows.filter((r) => !(r.status === 'applied' && r.appliedAt && r.appliedAt < before));
    const removed = this.rows.length - keep.length;
    this.rows.splice(0, this.rows.length, ...keep);
    return removed;
  }

  async eraseFor(actors: string[]): Promise<InboxCounts> {
    const erased: InboxCounts = { pending: 0, applied: 0, parked: 0 };
    for (const row of this.rows) if (row.actor != null && actors.includes(row.actor)) erased[row.status]++;
    this.#remove((r) => r.actor != null && actors.includes(r.actor));
    return erased;
  }

  async purgeReceivedBefore(before: Date): Promise<number> {
    return this.#remove((r) => r.status !== 'pending' && r.receivedAt < before);
  }

  #remove(gone: (row: Held) => boolean): number {
    const keep = this.rows.filter((r) => !gone(r));
    const removed = this.rows.length - keep.length;
    this.rows.splice(0, this.rows.length, ...keep);
    return removed;
  }
}
