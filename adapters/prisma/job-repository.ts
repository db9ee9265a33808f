import type { JobRepository } from '../../src/core/ports/store.ts';
import type { JobRecord } from '../../src/core/records.ts';
import type { DatabaseTarget } from './database-url.ts';
import { toJob } from './mappers.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { isUniqueViolation } from './unique-violation.ts';

type JobUpdate = Parameters<AgoraPrismaClient['job']['update']>[0]['data'];

/**
 * The durable job table the scheduler works from. Claiming is atomic: `FOR UPDATE SKIP LOCKED` on PostgreSQL; on
 * SQLite (one writer at a time) a conditional update that only succeeds while the job is still claimable.
 */
export class PrismaJobRepository implements JobRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly target: DatabaseTarget,
  ) {}

  async schedule(job: {
    key: string;
    kind: string;
    payload: Record<string, unknown>;
    runAt: Date;
  }): Promise<JobRecord> {
    const existing = await this.db.job.findUnique({ where: { key: job.key } });
    if (existing && existing.status !== 'pending') return toJob(existing);
    const data = { kind: job.kind, payload: job.payload as object, runAt: job.runAt };
    try {
      const row = existing
        ? await this.db.job.update({ where: { key: job.key }, data })
        : await this.db.job.create({ data: { key: job.key, ...data } });
      return toJob(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return toJob(await this.db.job.findUniqueOrThrow({ where: { key: job.key } }));
    }
  }

  async claimDue(worker: string, now: Date, leaseMs: number, limit: number): Promise<JobRecord[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    if (this.target.provider === 'postgres') {
      const table = `"${this.target.schema.replace(/"/g, '""')}"."Job"`;
      const rows = await this.db.$queryRawUnsafe<{ id: string }[]>(
        `UPDATE ${table} SET status = 'running', "leaseUntil" = $1, "leasedBy" = $2, attempts = attempts + 1, "updatedAt" = $3
         WHERE id IN (
           SELECT id FROM ${table}
           WHERE (status = 'pending' AND "runAt" <= $3) OR (status = 'running' AND "leaseUntil" < $3)
           ORDER BY "runAt" LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        leaseUntil,
        worker,
        now,
        limit,
      );
      return this.byIds(rows.map((r) => r.id));
    }
    // A worker that lost every job it read to another reads again, rather than leave the rest to the winner.
    for (let attempt = 0; attempt < 3; attempt++) {
      const candidates = await this.db.job.findMany({
        where: {
          OR: [
            { status: 'pending', runAt: { lte: now } },
            { status: 'running', leaseUntil: { lt: now } },
          ],
        },
        orderBy: { runAt: 'asc' },
        take: limit,
      });
      if (candidates.length === 0) return [];
      // One write transaction for the batch; each update only takes a job nobody has taken since it was read.
      const results = await this.db.$transaction(
        candidates.map((job) =>
          this.db.job.updateMany({
            where: { id: job.id, status: job.status, updatedAt: job.updatedAt },
            data: { status: 'running', leaseUntil, leasedBy: worker, attempts: { increment: 1 }, updatedAt: now },
          }),
        ),
      );
      const claimed = candidates.filter((_, i) => results[i]?.count === 1).map((job) => job.id);
      if (claimed.length > 0) return this.byIds(claimed);
    }
    return [];
  }

  /** Updates a job only while `worker` holds it: one taken over by another worker is left to that worker. */
  private async updateLeased(id: string, worker: string, data: JobUpdate): Promise<void> {
    try {
      await this.db.job.update({ where: { id, leasedBy: worker, status: 'running' }, data, select: { id: true } });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'P2025') throw error;
    }
  }

  private async byIds(ids: string[]): Promise<JobRecord[]> {
    if (ids.length === 0) return [];
    return (await this.db.job.findMany({ where: { id: { in: ids } }, orderBy: { runAt: 'asc' } })).map(toJob);
  }

  async complete(id: string, worker: string, status: 'done' | 'skipped', note?: string): Promise<void> {
    await this.updateLeased(id, worker, { status, leaseUntil: null, note: note ?? null });
  }

  async fail(id: string, worker: string, error: string, retryAt: Date | null): Promise<void> {
    await this.updateLeased(
      id,
      worker,
      retryAt
        ? { status: 'pending', runAt: retryAt, lastError: error.slice(0, 2000), leaseUntil: null }
        : { status: 'dead', lastError: error.slice(0, 2000), leaseUntil: null },
    );
  }

  async release(
    id: string,
    worker: string,
    runAt: Date,
    note: string,
    options: { resetAttempts?: boolean } = {},
  ): Promise<void> {
    await this.updateLeased(id, worker, {
      status: 'pending',
      runAt,
      note,
      leaseUntil: null,
      ...(options.resetAttempts ? { attempts: 0, lastError: null } : { attempts: { decrement: 1 } }),
    });
  }

  async list(filter: { status?: string; prefix?: string } = {}): Promise<JobRecord[]> {
    const rows = await this.db.job.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.prefix ? { key: { startsWith: filter.prefix } } : {}),
      },
      orderBy: [{ runAt: 'asc' }, { key: 'asc' }],
    });
    return rows.map(toJob);
  }

  async cancelPending(prefix: string, keep: string[]): Promise<number> {
    const { count } = await this.db.job.deleteMany({
      where: { key: { startsWith: prefix, notIn: keep }, status: 'pending' },
    });
    return count;
  }
}
