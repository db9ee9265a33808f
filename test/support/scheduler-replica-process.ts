import { once } from 'node:events';
import { appendFileSync } from 'node:fs';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { Scheduler } from '../../adapters/scheduler/scheduler.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';

/**
 * One scheduler replica in its own process, for the replica race on SQLite. It opens the store, says `ready`, waits
 * for a line on stdin, runs every due `probe` job (appending `key<TAB>worker` to RUNS_FILE for each run) and prints
 * `summary {json}`. Environment: DATABASE_URL, WORKER, RUNS_FILE, NOW (ISO instant of the fixed clock).
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const worker = env('WORKER');
const runsFile = env('RUNS_FILE');
const now = new Date(env('NOW'));
const store = await openStore(env('DATABASE_URL'), { migrate: false });
const scheduler = new Scheduler({
  jobs: store.jobs,
  clock: { now: () => now },
  logger: silentLogger,
  workerId: worker,
  batchSize: 25,
  handlers: {
    probe: async (job) => {
      appendFileSync(runsFile, `${job.key}\t${worker}\n`);
      await yieldToOthers();
      return { status: 'done', note: `run by ${worker}` };
    },
  },
});
console.log('ready');
await once(process.stdin, 'data');
const summary = await scheduler.runDue();
console.log(`summary ${JSON.stringify(summary)}`);
await store.close();
process.exit(0);
