import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { readProgrammeFile } from '../adapters/files/read-programme-file.ts';
import { HttpServer } from '../adapters/http/server.ts';
import { openStore, type PrismaStore } from '../adapters/prisma/prisma-store.ts';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { createCommandRegistry } from '../src/core/commands/default-commands.ts';
import { createConsultation } from '../src/core/consultation/consultation.ts';
import { PlatformRegistry } from '../src/core/consultation/deps.ts';
import { loadProgramme } from '../src/core/consultation/load-programme.ts';
import { recordResponse } from '../src/core/consultation/record-response.ts';
import { InboundPipeline } from '../src/core/inbound/pipeline.ts';
import { systemClock } from '../src/core/ports/clock.ts';
import type { Logger } from '../src/core/ports/logger.ts';
import { argument, fmt, percentile, tempSqlite } from './support.ts';

/**
 * Slack ingest: signed Events API requests (thread replies) sent from a second process on loopback at a steady
 * rate, through the real Bolt HTTP receiver mounted on Agora's one HTTP server, acknowledged once kept in the
 * core's inbox and then applied by the inbound pipeline into SQLite. Reports the achieved rate and the time to acknowledge (goal: p99 < 50 ms),
 * then a burst for end-to-end throughput, against a store-only baseline measured in the same run: the same events
 * recorded straight through the core's recordResponse, with no HTTP and no Bolt.
 *   npx tsx bench/slack-ingest.ts [--seconds 30 --rate 1000 --burst 10000 --concurrency 32] [--profile FILE]
 * `--profile` writes a CPU profile of the app's main thread during the steady phase (open it in Chrome's DevTools).
 */
const seconds = argument('seconds', 30);
const rate = argument('rate', 1000);
const burstCount = argument('burst', 10_000);
const concurrency = argument('concurrency', 32);
const steadyCount = Math.round(seconds * rate);
const PEOPLE = 1000;
const CHANNEL = 'C_BENCH';

const programmeFile = await readProgrammeFile('programmes/ascl-blueprint.yaml');
if (!programmeFile.ok) throw new Error('the shipped programme does not validate');

/** A fresh store with the shipped programme's questions open and posted to one Slack channel. */
async function preparedStore() {
  const db = tempSqlite();
  const store = await openStore(db.url);
  await loadProgramme(store, programmeFile.ok ? programmeFile.programme : (undefined as never), 'bench', {
    directory: () => [{ platform: 'slack', workspaceId: 'T1', channelId: CHANNEL }],
  });
  const programme = await store.programmes.findBySlug('ascl-blueprint');
  const [target] = await store.channels.targets(programme?.id as string);
  const threads: string[] = [];
  for (const question of await store.questions.listByProgramme(programme?.id as string)) {
    await store.questions.setStatus(question.id, 'open', new Date());
    const ts = `${1_700_000_000 + question.position}.000001`;
    const ref = `slack:T1:${CHANNEL}:${ts}`;
    await store.postings.create({
      questionId: question.id,
      channelTargetId: target?.id as string,
      messageRef: ref,
      threadRef: ref,
      postedAt: new Date(),
    });
    threads.push(ts);
  }
  return { db, store, threads };
}

const counted = { warn: 0, error: 0, seen: new Set<string>() };
const quietLogger: Logger = {
  debug() {},
  info() {},
  warn(_context, message) {
    counted.warn++;
    counted.seen.add(message);
  },
  error(_context, message) {
    counted.error++;
    counted.seen.add(message);
  },
};

async function storedCount(store: PrismaStore): Promise<number> {
  return store.db.response.count();
}

async function waitUntilStored(store: PrismaStore, expected: number, timeoutMs = 300_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const count = await storedCount(store);
    if (count >= expected || performance.now() - started > timeoutMs) return count;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// 1. The baseline: the same events, straight through the core, one at a time.
const baseline = await preparedStore();
{
  const deps = { store: baseline.store, clock: systemClock, logger: quietLogger, platforms: new PlatformRegistry() };
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < steadyCount; i++) {
    const thread = baseline.threads[i % baseline.threads.length] as string;
    const ts = `${1_800_000_000 + i}.000100`;
    const ref = `slack:T1:${CHANNEL}:${ts}`;
    const t0 = performance.now();
    await recordResponse(deps, {
      platform: 'slack',
      containerRef: `slack:T1:${CHANNEL}:${thread}`,
      messageRef: ref,
      author: { platform: 'slack', platformUserId: `U${i % PEOPLE}`, displayName: `person${i % PEOPLE}` },
      body: `Response number ${i}: the accountability framework should trust professional judgement more.`,
      replyToRef: null,
      attachments: [],
      idempotencyKey: ref,
      at: new Date(),
    });
    latencies.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  Object.assign(baseline, {
    rate: steadyCount / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  });
  await baseline.store.close();
  baseline.db.drop();
}
const baselineRate = (baseline as unknown as { rate: number }).rate;

// 2. The Slack side, in its own process.
const child: ChildProcess = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(import.meta.dirname, 'slack-ingest-sender.ts')],
  {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  },
);
const messages: Record<string, unknown>[] = [];
const waiters: ((m: Record<string, unknown>) => void)[] = [];
child.on('message', (message: Record<string, unknown>) => {
  const waiter = waiters.shift();
  if (waiter) waiter(message);
  else messages.push(message);
});
const nextMessage = () =>
  new Promise<Record<string, unknown>>((resolve) => {
    const queued = messages.shift();
    if (queued) resolve(queued);
    else waiters.push(resolve);
  });
const ready = (await nextMessage()) as { apiUrl: string; botToken: string; signingSecret: string };

// 3. Agora: the one HTTP server with the Slack adapter mounted, HTTP mode, acknowledging first.
const app = await preparedStore();
child.send({ type: 'threads', channel: CHANNEL, threads: app.threads });
await nextMessage();
const platforms = new PlatformRegistry();
// Each store transaction (the applier's batches) timed too: on SQLite a commit to the inbox waits while one is open.
const transactions: number[] = [];
const store = Object.create(app.store) as typeof app.store;
store.transaction = async (work) => {
  const started = performance.now();
  try {
    return await app.store.transaction(work);
  } finally {
    transactions.push(performance.now() - started);
  }
};
const deps = { store, clock: systemClock, logger: quietLogger, platforms };
const http = new HttpServer(quietLogger);
// Each group commit timed (from its start to its answer) by wrapping the inbox's append.
const commits: { ms: number; size: number }[] = [];
const inbox = Object.create(app.store.inbox) as typeof app.store.inbox;
inbox.append = async (entries) => {
  const started = performance.now();
  const stored = await app.store.inbox.append(entries);
  commits.push({ ms: performance.now() - started, size: entries.length });
  return stored;
};
const pipeline = new InboundPipeline({ inbox, deps, worker: 'bench' });
const adapter = createSlackAdapter({
  config: {
    botToken: ready.botToken,
    signingSecret: ready.signingSecret,
    apiUrl: ready.apiUrl,
    processBeforeResponse: false,
    retries: 0,
  },
  consultation: createConsultation(deps, pipeline),
  registry: createCommandRegistry(null),
  http,
  logger: quietLogger,
});
platforms.register(adapter.platform);
const port = await http.listen(0, '127.0.0.1');
await adapter.start();
await pipeline.start();
const url = `http://127.0.0.1:${port}/slack/events`;

// Warm-up, not measured: the first requests pay for loading and compiling code paths (Bolt, Prisma's query
// compiler, the SQLite statements), which says nothing about steady ingest.
const warmUp = Math.min(500, Math.max(50, Math.round(rate / 2)));
child.send({
  type: 'burst',
  url,
  threads: app.threads,
  channel: CHANNEL,
  firstIndex: 10_000_000,
  count: warmUp,
  concurrency: 4,
});
await nextMessage();
const warmed = await waitUntilStored(app.store, warmUp);

type Result = {
  sent: number;
  acked: number;
  failed: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  max: number;
};

// Where a slow acknowledgement waited: the app's event loop (its pauses, in ms) and garbage collection.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
const pauses: number[] = [];
const gc = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push(entry.duration);
});
loopDelay.enable();
gc.observe({ entryTypes: ['gc'] });
commits.length = 0;
transactions.length = 0;
const steadyStarted = performance.now();
const profileAt = process.argv.indexOf('--profile');
const profiler = profileAt >= 0 ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const busyBefore = performance.eventLoopUtilization();
const cpuBefore = process.cpuUsage();
child.send({ type: 'steady', url, threads: app.threads, channel: CHANNEL, firstIndex: 0, count: steadyCount, rate });
const steady = (await nextMessage()) as unknown as Result & {
  senderLoopP99: number;
  senderLoopMax: number;
  p99BySecond: number[];
};
const busy = performance.eventLoopUtilization(busyBefore).utilization;
type Directory = { listPages: number; listed: number; infoCalls: number };
child.send({ type: 'directory' });
const directoryAfterSteady = (await nextMessage()) as unknown as Directory;
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(process.argv[profileAt + 1] as string, JSON.stringify(profile));
  profiler.disconnect();
}
const cpu = process.cpuUsage(cpuBefore);
loopDelay.disable();
gc.disconnect();
pauses.sort((a, b) => a - b);
const steadyCommits = commits.splice(0);
const commitMs = steadyCommits.map((c) => c.ms).sort((a, b) => a - b);
const transactionMs = transactions.splice(0).sort((a, b) => a - b);
const steadyStored = (await waitUntilStored(app.store, warmed + steadyCount)) - warmed;
const steadyDrained = (performance.now() - steadyStarted) / 1000;

const burstStarted = performance.now();
child.send({
  type: 'burst',
  url,
  threads: app.threads,
  channel: CHANNEL,
  firstIndex: steadyCount,
  count: burstCount,
  concurrency,
});
const burst = (await nextMessage()) as unknown as Result;
const burstStored = (await waitUntilStored(app.store, warmed + steadyCount + burstCount)) - warmed - steadyCount;
const burstSeconds = (performance.now() - burstStarted) / 1000;
const endToEnd = burstStored / burstSeconds;
child.send({ type: 'directory' });
const directoryAtEnd = (await nextMessage()) as unknown as Directory;

child.send({ type: 'stop' });
await pipeline.stop();
await adapter.stop();
await http.close();
await app.store.close();
app.db.drop();

const b = baseline as unknown as { p50: number; p99: number };
console.log(
  'slack ingest: signed Events API requests from a second process -> Bolt HTTP receiver on the one HTTP server',
);
console.log(
  '              -> acknowledged once in the inbox, then applied through the core into SQLite (WAL, synchronous=NORMAL)',
);
console.log(
  `  steady   : offered ${fmt(rate)}/s for ${fmt(seconds)} s; sent ${fmt(steady.sent)} at ${fmt(steady.rate)}/s, ` +
    `acked ${fmt(steady.acked)} (${fmt(steady.failed)} failed)`,
);
console.log(
  `             time to acknowledge: p50 ${fmt(steady.p50, 2)} ms, p99 ${fmt(steady.p99, 2)} ms, max ${fmt(steady.max, 1)} ms  (goal p99 < 50 ms)`,
);
console.log(`             p99 by the second sent: ${steady.p99BySecond.map((ms) => fmt(ms, 0)).join(' ')} ms`);
console.log(
  `             app event loop delay p99 ${fmt(loopDelay.percentile(99) / 1e6, 1)} ms, max ${fmt(loopDelay.max / 1e6, 1)} ms; ` +
    `GC ${fmt(pauses.length)} pauses, ${fmt(
      pauses.reduce((a, b) => a + b, 0),
      0,
    )} ms in all, longest ${fmt(pauses.at(-1) ?? 0, 1)} ms; ` +
    `sender's event loop delay p99 ${fmt(steady.senderLoopP99, 1)} ms, max ${fmt(steady.senderLoopMax, 1)} ms`,
);
console.log(
  `             app's event loop busy ${fmt(busy * 100, 0)}% of the time; app CPU (every thread) ` +
    `${fmt((cpu.user + cpu.system) / 1000 / steadyCount, 2)} ms per event sent`,
);
console.log(
  `             ${fmt(steadyCommits.length)} group commits of ${fmt(steadyCount / Math.max(1, steadyCommits.length), 1)} events on average, ` +
    `each answered in p50 ${fmt(percentile(commitMs, 50), 2)} ms, p99 ${fmt(percentile(commitMs, 99), 1)} ms, max ${fmt(commitMs.at(-1) ?? 0, 1)} ms`,
);
console.log(
  `             ${fmt(transactionMs.length)} store transactions (the applier's batches) open for p50 ${fmt(percentile(transactionMs, 50), 1)} ms, ` +
    `p99 ${fmt(percentile(transactionMs, 99), 1)} ms, max ${fmt(transactionMs.at(-1) ?? 0, 1)} ms`,
);
console.log(
  `             stored ${fmt(steadyStored)} of ${fmt(steadyCount)} (each once); all stored ${fmt(steadyDrained, 1)} s after the first send`,
);
console.log(
  `  burst    : ${fmt(burstCount)} events over ${fmt(concurrency)} connections: acked at ${fmt(burst.rate)}/s ` +
    `(p99 ${fmt(burst.p99, 1)} ms); stored ${fmt(burstStored)} at ${fmt(endToEnd)}/s end to end`,
);
console.log(
  `  baseline : store only (recordResponse, one at a time, no HTTP, no Bolt): ${fmt(baselineRate)}/s ` +
    `(p50 ${fmt(b.p50, 2)} ms, p99 ${fmt(b.p99, 2)} ms per event)`,
);
console.log(`  ratio end-to-end / store-only: ${fmt(endToEnd / baselineRate, 3)}`);
console.log(
  `  directory: the fake served ${fmt(directoryAtEnd.listPages)} users.list pages (${fmt(directoryAtEnd.listed)} people) ` +
    `and ${fmt(directoryAtEnd.infoCalls)} users.info calls (${fmt(directoryAfterSteady.infoCalls)} by the end of the steady phase)`,
);
if (counted.warn || counted.error)
  console.log(
    `  (the app logged ${counted.warn} warnings and ${counted.error} errors: ${[...counted.seen].slice(0, 3).join('; ')})`,
  );
process.exit(steadyStored === steadyCount && burstStored === burstCount ? 0 : 1);
