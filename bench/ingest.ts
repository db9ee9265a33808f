import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { readProgrammeFile } from '../adapters/files/read-programme-file.ts';
import { openStore } from '../adapters/prisma/prisma-store.ts';
import { PlatformRegistry } from '../src/core/consultation/deps.ts';
import { loadProgramme } from '../src/core/consultation/load-programme.ts';
import { threadOrder } from '../src/core/inbound/inbound-event.ts';
import { InboundPipeline } from '../src/core/inbound/pipeline.ts';
import { systemClock } from '../src/core/ports/clock.ts';
import { silentLogger } from '../src/core/ports/logger.ts';
import { argument, fmt, percentile, tempSqlite } from './support.ts';

/**
 * Ingest: N responses through the inbound pipeline as the adapters deliver them (concurrent submissions, each
 * acknowledged once its group commit is in the inbox), until every one is applied as a response; against raw
 * better-sqlite3 inserts of the same rows with the same durability (WAL, synchronous NORMAL), one transaction per
 * row, and batched in transactions as large as the pipeline's commits (the ceiling), in the same run.
 */
const total = argument('responses', 20_000);
const concurrency = argument('concurrency', 64);
const people = 1_000;

const programmeFile = await readProgrammeFile('programmes/ascl-blueprint.yaml');
if (!programmeFile.ok) throw new Error('the shipped programme does not validate');

const db = tempSqlite();
const store = await openStore(db.url);
const deps = { store, clock: systemClock, logger: silentLogger, platforms: new PlatformRegistry() };
await loadProgramme(store, programmeFile.programme, 'bench', {
  directory: (placeholder) => [{ platform: 'slack', workspaceId: 'T1', channelId: `C_${placeholder}` }],
});
const programme = await store.programmes.findBySlug(programmeFile.programme.slug);
const questions = await store.questions.listByProgramme(programme?.id as string);
const [target] = await store.channels.targets(programme?.id as string);
const threads: string[] = [];
for (const question of questions) {
  await store.questions.setStatus(question.id, 'open', new Date());
  const ref = `slack:T1:${target?.channelId}:${question.position}.000`;
  await store.postings.create({
    questionId: question.id,
    channelTargetId: target?.id as string,
    messageRef: ref,
    threadRef: ref,
    postedAt: new Date(),
  });
  threads.push(ref);
}

// The pipeline as main.ts creates it, over the store's own inbox (so each batch is marked applied in its own
// transaction); commits are counted to size the batched baseline.
let commits = 0;
const { inbox } = store;
const append = inbox.append.bind(inbox);
inbox.append = (entries) => {
  commits++;
  return append(entries);
};
const pipeline = new InboundPipeline({ inbox, deps, worker: 'bench' });
await pipeline.start();
const latencies: number[] = [];
const started = performance.now();
let next = 0;
// Adapters deliver concurrently (many HTTP requests, gateway events): `concurrency` submissions in flight.
const submitter = async () => {
  while (next < total) {
    const i = next++;
    const user = `U${i % people}`;
    const thread = threads[i % threads.length] as string;
    const messageRef = `${thread}:${i}`;
    const t0 = performance.now();
    await pipeline.submit({
      kind: 'response.posted',
      platform: 'slack',
      key: messageRef,
      orderingKey: threadOrder(thread),
      notice: null,
      payload: {
        platform: 'slack',
        containerRef: thread,
        messageRef,
        author: { platform: 'slack', platformUserId: user, displayName: `Person ${user}` },
        body: `Response number ${i}: the accountability framework should trust professional judgement more.`,
        replyToRef: null,
        attachments: [],
        idempotencyKey: `Ev${i}`,
        at: new Date(),
      },
    });
    latencies.push(performance.now() - t0);
  }
};
await Promise.all(Array.from({ length: concurrency }, submitter));
const ackSeconds = (performance.now() - started) / 1000;
console.error(`acknowledged all ${total} in ${ackSeconds.toFixed(1)} s; applying`);
while ((await store.inbox.counts()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 10));
const coreSeconds = (performance.now() - started) / 1000;
await pipeline.stop();
let stored = 0;
for (const question of questions) stored += await store.questions.countResponses(question.id);
await store.close();

// Baseline: the same rows, straight into the same table.
const raw = new Database(db.file);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
const participantId = (raw.prepare('SELECT id FROM Participant LIMIT 1').get() as { id: string }).id;
const questionId = questions[0]?.id as string;
const insert = raw.prepare(
  `INSERT INTO Response (id, questionId, postingId, participantId, body, private, messageRef, replyToId, attachments, idempotencyKey, createdAt)
   VALUES (?, ?, NULL, ?, ?, 0, ?, NULL, '[]', ?, ?)`,
);
const rawStarted = performance.now();
for (let i = 0; i < total; i++) {
  insert.run(
    `raw${i}`,
    questionId,
    participantId,
    `Response number ${i}: the accountability framework should trust professional judgement more.`,
    `raw:${i}`,
    `raw:${i}`,
    Date.now(),
  );
}
const rawSeconds = (performance.now() - rawStarted) / 1000;
const batchSize = Math.max(1, Math.round(total / Math.max(1, commits)));
const batch = raw.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++)
    insert.run(
      `rawb${i}`,
      questionId,
      participantId,
      `Response number ${i}: batched.`,
      `rawb:${i}`,
      `rawb:${i}`,
      Date.now(),
    );
});
const batchedStarted = performance.now();
for (let from = 0; from < total; from += batchSize) batch(from, Math.min(total, from + batchSize));
const batchedSeconds = (performance.now() - batchedStarted) / 1000;
raw.close();
db.drop();

latencies.sort((a, b) => a - b);
const coreRate = total / coreSeconds;
const rawRate = total / rawSeconds;
const batchedRate = total / batchedSeconds;
console.log(
  `ingest: ${fmt(total)} responses, ${concurrency} submissions in flight (SQLite, WAL, synchronous=NORMAL); ${fmt(stored)} stored`,
);
console.log(
  `  pipeline (acked)     : ${fmt(total / ackSeconds)} responses/s into the inbox; ${fmt(commits)} commits of ~${fmt(batchSize)}; ack p50 ${fmt(percentile(latencies, 50), 2)} ms, p99 ${fmt(percentile(latencies, 99), 2)} ms`,
);
console.log(`  pipeline (applied)   : ${fmt(coreRate)} responses/s, inbox commit to response stored`);
console.log(`  raw, row by row      : ${fmt(rawRate)} responses/s`);
console.log(`  raw, batched (~${fmt(batchSize)}) : ${fmt(batchedRate)} responses/s`);
console.log(`  ratio applied/raw    : ${fmt(coreRate / rawRate, 3)}  (goal >= 0.5)`);
console.log(`  ratio applied/batched: ${fmt(coreRate / batchedRate, 3)}  (the ceiling)`);
if (stored !== total) {
  console.log(`  ${fmt(total - stored)} responses missing`);
  process.exitCode = 1;
}
