import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { type JobHandler, type RunSummary, Scheduler } from '../../adapters/scheduler/scheduler.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import { TestClock } from '../support/core-harness.ts';
import { postgresDatabase, postgresUnavailableReason, sqliteDatabase } from '../support/databases.ts';
import { spawnScript } from '../support/spawn-script.ts';

const JOBS = 1000;
const NOW = new Date('2026-12-01T09:00:00Z');

async function seedDueJobs(store: PrismaStore): Promise<void> {
  await store.db.job.createMany({
    data: Array.from({ length: JOBS }, (_, i) => ({ key: `probe:${i}`, kind: 'probe', payload: { i }, runAt: NOW })),
  });
}

/** Every job ran once, by one worker, and both workers took part. */
async function expectEachRanOnce(store: PrismaStore, runs: Map<string, string[]>, summaries: RunSummary[]) {
  expect(runs.size).toBe(JOBS);
  expect([...runs].filter(([, workers]) => workers.length !== 1)).toEqual([]);
  expect(summaries.reduce((sum, s) => sum + s.done, 0)).toBe(JOBS);
  for (const summary of summaries) expect(summary.done).toBeGreaterThan(0);
  const done = await store.jobs.list({ status: 'done' });
  expect(done).toHaveLength(JOBS);
  expect(done.filter((j) => j.attempts !== 1 || j.note !== `run by ${runs.get(j.key)?.[0]}`)).toEqual([]);
}

const pgSkip = await postgresUnavailableReason();
if (pgSkip) console.warn(`[skipped] scheduler replicas on PostgreSQL: ${pgSkip}`);

describe('scheduler replicas racing over one job table', () => {
  it.skipIf(pgSkip !== null)(
    `on PostgreSQL, two schedulers with their own clients run each of ${JOBS} due jobs exactly once`,
    async () => {
      const database = await postgresDatabase();
      const first = await openStore(database.url);
      const second = await openStore(database.url, { migrate: false });
      try {
        await seedDueJobs(first);
        const runs = new Map<string, string[]>();
        const probe =
          (worker: string): JobHandler =>
          async (job) => {
            runs.set(job.key, [...(runs.get(job.key) ?? []), worker]);
            await yieldToOthers();
            return { status: 'done', note: `run by ${worker}` };
          };
        const clock = new TestClock(NOW);
        const replica = (store: PrismaStore, worker: string) =>
          new Scheduler({
            jobs: store.jobs,
            clock,
            logger: silentLogger,
            workerId: worker,
            handlers: { probe: probe(worker) },
            batchSize: 25,
          });
        const summaries = await Promise.all([
          replica(first, 'replica-a').runDue(),
          replica(second, 'replica-b').runDue(),
        ]);
        await expectEachRanOnce(second, runs, summaries);
      } finally {
        await first.close();
        await second.close();
        await database.drop();
      }
    },
    120_000,
  );

  // better-sqlite3 is synchronous: two of its connections in one thread would wait on each other's locks while
  // blocking the thread that could release them. Replicas sharing a SQLite file are separate processes anyway.
  it(`on SQLite, two scheduler processes on one file run each of ${JOBS} due jobs exactly once`, async () => {
    const database = sqliteDatabase();
    const store = await openStore(database.url);
    const dir = path.dirname(database.url.slice('file:'.length));
    try {
      await seedDueJobs(store);
      const replicas = ['replica-a', 'replica-b'].map((worker) => {
        const runsFile = path.join(dir, `${worker}.runs`);
        writeFileSync(runsFile, '');
        return {
          runsFile,
          process: spawnScript('test/support/scheduler-replica-process.ts', {
            DATABASE_URL: database.url,
            WORKER: worker,
            RUNS_FILE: runsFile,
            NOW: NOW.toISOString(),
          }),
        };
      });
      await Promise.all(replicas.map((r) => r.process.waitFor(/^ready$/)));
      for (const r of replicas) r.process.child.stdin?.write('go\n');
      const summaries = await Promise.all(
        replicas.map(
          async (r) =>
            JSON.parse((await r.process.waitFor(/^summary /, 100_000)).slice('summary '.length)) as RunSummary,
        ),
      );
      const runs = new Map<string, string[]>();
      for (const r of replicas) {
        for (const line of readFileSync(r.runsFile, 'utf8').split('\n').filter(Boolean)) {
          const [key, worker] = line.split('\t') as [string, string];
          runs.set(key, [...(runs.get(key) ?? []), worker]);
        }
      }
      await expectEachRanOnce(store, runs, summaries);
    } finally {
      await store.close();
      await database.drop();
    }
  }, 120_000);
});
