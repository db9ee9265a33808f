import pg from 'pg';
import { openStore, type PrismaStore } from '../adapters/prisma/prisma-store.ts';
import { PlatformRegistry } from '../src/core/consultation/deps.ts';
import { loadProgramme } from '../src/core/consultation/load-programme.ts';
import { openQuestion } from '../src/core/consultation/open-question.ts';
import { systemClock } from '../src/core/ports/clock.ts';
import { silentLogger } from '../src/core/ports/logger.ts';
import { InProcessPlatform } from '../test/fakes/in-process-platform.ts';
import {
  POSTGRES_URL,
  postgresDatabase,
  postgresUnavailableReason,
  sqliteDatabase,
  type TestDatabase,
} from '../test/support/databases.ts';
import { programmeDefinition, slackDirectory } from '../test/support/programme-fixture.ts';
import { type ScriptProcess, spawnScript } from '../test/support/spawn-script.ts';
import { argument, fmt } from './support.ts';

/**
 * `npm run bench -- crash`: what a crash costs. The real pipeline in a child process (test/support/pipeline-child.ts)
 * takes a stream of Slack thread replies; it is killed with SIGKILL mid-stream (then restarted to drain its inbox),
 * or, on PostgreSQL, has its database connections cut three times mid-stream. Printed per database: replies
 * acknowledged, stored, lost (acknowledged, not stored) and duplicated (stored twice), all goals 0 for the last two,
 * and the time from the restart (or the last cut) until the inbox is drained, with its ratio to a clean stop and
 * restart measured in the same run.
 */

const ACKS_BEFORE_FAULT = argument('acks', 1500);
/** The stream is twice that long: the fault comes midway. */
const STREAM_LENGTH = 2 * ACKS_BEFORE_FAULT;
const CONCURRENCY = argument('concurrency', 50);
const CHILD = 'test/support/pipeline-child.ts';

interface Outcome {
  acknowledged: number;
  stored: number;
  lost: number;
  duplicated: number;
  drainMs: number;
}

interface World {
  store: PrismaStore;
  url: string;
  thread: string;
  questionId: string;
  close(): Promise<void>;
}

/** A fresh database with the fixture programme, its open question posted (its thread is where replies go). */
async function world(database: TestDatabase, childUrl = database.url): Promise<World> {
  const store = await openStore(database.url);
  const platform = new InProcessPlatform('slack');
  const platforms = new PlatformRegistry();
  platforms.register(platform);
  await loadProgramme(store, programmeDefinition(), 'bench', { directory: slackDirectory });
  const programme = await store.programmes.findBySlug('staff-voice');
  const question = await store.questions.findByKey(programme?.id as string, 'q-open');
  if (!question) throw new Error('the fixture has no q-open');
  await openQuestion({ store, clock: systemClock, logger: silentLogger, platforms }, question.id);
  const thread = platform.posted[0]?.ref.threadRef as string;
  return {
    store,
    url: childUrl,
    thread,
    questionId: question.id,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

const numbers = (output: string, pattern: RegExp) =>
  output
    .split('\n')
    .map((line) => pattern.exec(line)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function stream(w: World): { child: ScriptProcess; acks: () => number } {
  const child = spawnScript(CHILD, {
    DATABASE_URL: w.url,
    THREAD: w.thread,
    MODE: 'stream',
    COUNT: String(STREAM_LENGTH),
    CONCURRENCY: String(CONCURRENCY),
  });
  return { child, acks: () => numbers(child.output(), /^ack (\d+) /).length };
}

async function stop(child: ScriptProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill(signal);
  await child.exited;
}

/** A second process on the same database drains the inbox; the time from its start to an empty inbox. */
async function restartAndDrain(w: World): Promise<number> {
  const started = Date.now();
  const child = spawnScript(CHILD, { DATABASE_URL: w.url, THREAD: w.thread, MODE: 'drain' });
  await child.waitFor(/^drained \d+$/, 300_000);
  const drainMs = Date.now() - started;
  await stop(child, 'SIGKILL');
  return drainMs;
}

/** What became of the acknowledged replies, counted in the database. */
async function count(w: World, output: string, drainMs: number): Promise<Outcome> {
  const acknowledged = new Set(numbers(output, /^ack (\d+) /));
  const copies = new Map<number, number>();
  for (const response of await w.store.responses.listByQuestion(w.questionId, { includeDeleted: true })) {
    const i = Number(/:(\d+)\.000100$/.exec(response.messageRef ?? '')?.[1]) - 1_700_000_000;
    copies.set(i, (copies.get(i) ?? 0) + 1);
  }
  return {
    acknowledged: acknowledged.size,
    stored: copies.size,
    lost: [...acknowledged].filter((i) => !copies.has(i)).length,
    duplicated: [...copies.values()].filter((n) => n > 1).length,
    drainMs,
  };
}

/** SIGTERM (the baseline: a clean stop) or SIGKILL once enough replies were acknowledged, then a restart. */
async function stopMidStream(database: TestDatabase, signal: NodeJS.Signals): Promise<Outcome> {
  const w = await world(database);
  try {
    const running = stream(w);
    await running.child.waitFor(/^ready$/, 120_000);
    await until(() => running.acks() >= ACKS_BEFORE_FAULT, 300_000, `${ACKS_BEFORE_FAULT} acknowledgements`);
    await stop(running.child, signal);
    const drainMs = await restartAndDrain(w);
    return await count(w, running.child.output(), drainMs);
  } finally {
    await w.close();
  }
}

/** PostgreSQL connections of the child (only its own, by application_name) cut three times while it streams. */
async function cutConnections(): Promise<Outcome> {
  const database = await postgresDatabase();
  const applicationName = `agora-bench-crash-${process.pid}`;
  const url = new URL(database.url);
  url.searchParams.set('application_name', applicationName);
  const w = await world(database, url.toString());
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    const running = stream(w);
    await running.child.waitFor(/^ready$/, 120_000);
    for (const share of [1, 2, 3]) {
      await until(() => running.acks() >= (ACKS_BEFORE_FAULT * share) / 3, 300_000, 'acknowledgements');
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
        [applicationName],
      );
    }
    // The process keeps what it acknowledged when it stops; a restart applies what was left, as after the others.
    await stop(running.child, 'SIGTERM');
    return await count(w, running.child.output(), await restartAndDrain(w));
  } finally {
    await admin.end();
    await w.close();
  }
}

function report(name: string, outcome: Outcome, baselineMs: number): void {
  const verdict = outcome.lost === 0 && outcome.duplicated === 0 ? 'ok' : 'FAILED';
  console.log(
    `${name.padEnd(34)} acknowledged ${fmt(outcome.acknowledged).padStart(6)}  stored ${fmt(outcome.stored).padStart(6)}` +
      `  lost ${outcome.lost}  duplicated ${outcome.duplicated}  (goal 0/0: ${verdict})` +
      `  drained ${fmt(outcome.drainMs)} ms = ${fmt(outcome.drainMs / Math.max(1, baselineMs), 2)}x clean restart`,
  );
  if (verdict !== 'ok') process.exitCode = 1;
}

async function run(kind: string, create: () => Promise<TestDatabase> | TestDatabase, cuts: boolean): Promise<void> {
  const clean = await stopMidStream(await create(), 'SIGTERM');
  report(`${kind}: clean stop (baseline)`, clean, clean.drainMs);
  report(`${kind}: kill -9 mid-stream`, await stopMidStream(await create(), 'SIGKILL'), clean.drainMs);
  if (cuts) report(`${kind}: 3 connection cuts`, await cutConnections(), clean.drainMs);
  else console.log(`${kind}: connection cuts: not measured (SQLite is a file; there is no connection to cut)`);
}

console.log(
  `crash: ${ACKS_BEFORE_FAULT} replies acknowledged before each fault, ${CONCURRENCY} in flight; ` +
    'drained = restart (or last cut) until the inbox is empty',
);
await run('SQLite', sqliteDatabase, false);
const unavailable = await postgresUnavailableReason();
if (unavailable) console.log(`PostgreSQL: skipped (${unavailable})`);
else await run('PostgreSQL', postgresDatabase, true);
