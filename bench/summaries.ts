import { loadavg } from 'node:os';
import cron from 'node-cron';
import { openStore, type PrismaStore } from '../adapters/prisma/prisma-store.ts';
import { loadProgramme } from '../src/core/consultation/load-programme.ts';
import { systemClock } from '../src/core/ports/clock.ts';
import { silentLogger } from '../src/core/ports/logger.ts';
import { validateProgramme } from '../src/core/programme/validate-programme.ts';
import type { QuestionRecord } from '../src/core/records.ts';
import { summariseQuestion } from '../src/core/summaries/summarise-question.ts';
import { argument, fmt, tempSqlite } from './support.ts';
import { syntheticAnswers } from './synthetic-answers.ts';

/**
 * Summaries benchmark: a SQLite store holding `--answers N` (default 5,000) written answers to an open question and
 * `--voters V` (default 2,000) people's votes on 50 agree/disagree statements. Times the first summary of each
 * question (computed and stored), then the same again with nothing changed (the stored summary is used after its
 * inputs are read and hashed): the ratio is what asking again costs against computing.
 */

const answers = argument('answers', 5_000);
const voters = argument('voters', 2_000);
const STATEMENTS = 50;

const validated = validateProgramme(
  {
    slug: 'bench-summaries',
    title: 'Summaries benchmark',
    channels: { staffroom: 'Staff' },
    sections: [
      {
        id: 'one',
        title: 'One',
        questions: [
          { id: 'open', kind: 'open', prompt: 'What would most improve your school?' },
          {
            id: 'statements',
            kind: 'statements',
            prompt: 'Agree or disagree?',
            statements: Array.from({ length: STATEMENTS }, (_, i) => `Statement number ${i + 1}`),
          },
        ],
      },
    ],
  },
  { isValidCron: (e) => cron.validate(e) },
);
if (!validated.ok) throw new Error(JSON.stringify(validated.problems));
const definition = validated.programme;

async function seed(store: PrismaStore): Promise<{ open: QuestionRecord; statements: QuestionRecord }> {
  await loadProgramme(store, definition, 'bench', { directory: () => [] });
  const programme = await store.programmes.findBySlug('bench-summaries');
  const [open, statements] = await store.questions.listByProgramme(programme?.id as string);
  if (!open || !statements) throw new Error('questions missing');
  const now = new Date();
  for (const q of [open, statements]) await store.questions.setStatus(q.id, 'open', now);
  const people = Math.max(voters, Math.ceil(answers * 0.8));
  await store.db.participant.createMany({
    data: Array.from({ length: people }, (_, i) => ({
      id: `p${i}`,
      platform: 'slack',
      platformUserId: `U${i}`,
      displayName: `Person ${i}`,
      pseudonym: `Participant ${i}`,
    })),
  });
  const { answers: written } = syntheticAnswers(answers);
  await store.db.response.createMany({
    data: written.map((a, i) => ({
      id: a.responseId,
      questionId: open.id,
      participantId: a.participantId,
      body: a.text,
      messageRef: `slack:T1:C1:1700000000.${String(i).padStart(6, '0')}`,
      attachments: [],
      idempotencyKey: `bench:${i}`,
      createdAt: now,
    })),
  });
  const keys = (await store.questions.options(statements.id)).map((o) => o.key);
  const votes = [];
  for (let v = 0; v < voters; v++) {
    for (const [n, key] of keys.entries()) {
      if ((v * 7 + n * 13) % 10 === 0) continue; // about one statement in ten not seen
      const agree = (n % 2 === 0) === (v % 3 === 0);
      votes.push({
        questionId: statements.id,
        participantId: `p${v}`,
        subject: key,
        choice: [(v + n) % 11 === 0 ? 'pass' : agree ? 'agree' : 'disagree'],
        castAt: new Date(now.getTime() + v),
      });
    }
  }
  for (let i = 0; i < votes.length; i += 10_000) await store.db.vote.createMany({ data: votes.slice(i, i + 10_000) });
  return { open, statements };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const database = tempSqlite();
const store = await openStore(database.url);
try {
  const questions = await seed(store);
  const deps = { store, clock: systemClock, logger: silentLogger };
  console.log(
    `${fmt(answers)} written answers; ${fmt(voters)} voters on ${STATEMENTS} statements; load average ${loadavg()[0]?.toFixed(1)}:`,
  );
  for (const [name, question] of [
    ['themes (open question)', questions.open],
    ['opinion groups (statements)', questions.statements],
  ] as const) {
    const first = await timed(() => summariseQuestion(deps, question));
    let reused = false;
    const again = await timed(async () => {
      reused = (await summariseQuestion(deps, question)).reused;
    });
    console.log(
      `  ${name.padEnd(28)} computed ${first.toFixed(2)} s, asked again ${again.toFixed(2)} s${reused ? ' (stored summary used)' : ' (recomputed!)'}, ratio ${(again / first).toFixed(2)}`,
    );
  }
} finally {
  await store.close();
  database.drop();
}
