import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { PlatformRegistry } from '../src/core/consultation/deps.ts';
import { loadProgramme } from '../src/core/consultation/load-programme.ts';
import { recordResponse } from '../src/core/consultation/record-response.ts';
import { silentLogger, systemClock } from '../src/core/ports/logger.ts';
import { readProgrammeFile } from '../src/programme-files/read-programme-file.ts';
import { openStore } from '../src/storage/prisma-store.ts';
import { argument, fmt, percentile, tempSqlite } from './support.ts';

/**
 * Store ingest: N responses recorded through the core and the Prisma store one event at a time, as the adapters
 * deliver them, against raw better-sqlite3 inserts of the same rows with the same durability (WAL, synchronous
 * NORMAL, one transaction per row), in the same run.
 */
const total = argument('responses', 100_000);
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

const latencies: number[] = [];
const started = performance.now();
for (let i = 0; i < total; i++) {
  const user = `U${i % people}`;
  const thread = threads[i % threads.length] as string;
  const messageRef = `${thread}:${i}`;
  const t0 = performance.now();
  await recordResponse(deps, {
    platform: 'slack',
    containerRef: thread,
    messageRef,
    author: { platform: 'slack', platformUserId: user, displayName: `Person ${user}` },
    body: `Response number ${i}: the accountability framework should trust professional judgement more.`,
    replyToRef: null,
    attachments: [],
    idempotencyKey: `Ev${i}`,
    at: new Date(),
  });
  latencies.push(performance.now() - t0);
}
const coreSeconds = (performance.now() - started) / 1000;
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
raw.close();
db.drop();

latencies.sort((a, b) => a - b);
const coreRate = total / coreSeconds;
const rawRate = total / rawSeconds;
console.log(`store ingest: ${fmt(total)} responses, one event at a time (SQLite, WAL, synchronous=NORMAL)`);
console.log(
  `  core + Prisma store : ${fmt(coreRate)} responses/s  (p50 ${fmt(percentile(latencies, 50), 2)} ms, p99 ${fmt(percentile(latencies, 99), 2)} ms per response)`,
);
console.log(`  raw better-sqlite3  : ${fmt(rawRate)} responses/s`);
console.log(`  ratio core/raw      : ${fmt(coreRate / rawRate, 3)}  (goal >= 0.5)`);
