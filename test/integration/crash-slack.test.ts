import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.ts';
import {
  POSTGRES_URL,
  postgresDatabase,
  postgresUnavailableReason,
  sqliteDatabase,
  type TestDatabase,
} from '../support/databases.ts';
import { programmeDefinition } from '../support/programme-fixture.ts';
import { startAgora } from '../support/run-agora.ts';
import { ReplyStream } from '../support/slack-event-stream.ts';

/**
 * The real app (`src/app/main.ts`, Slack over HTTP against the fake Slack) in a child process, sent a stream of signed
 * thread replies. What Slack was told is received (HTTP 200) must be stored, exactly once, whatever happens to the
 * process or its database connections meanwhile.
 */

const TEAM = 'T1';
const CHANNEL = 'C_STAFF';
const USERS = Array.from({ length: 12 }, (_, i) => `U_P${i}`);

interface Setup {
  slack: FakeSlack;
  database: TestDatabase;
  store: PrismaStore;
  questionId: string;
  env: Record<string, string>;
  stream: ReplyStream;
  programmes: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** A question open and posted in C_STAFF, as if Agora had posted it; the app is started on the same database. */
async function setUp(database: TestDatabase, extraEnv: Record<string, string> = {}): Promise<Setup> {
  const slack = await startFakeSlack({
    teamId: TEAM,
    users: USERS.map((id) => ({ id, name: id.toLowerCase(), realName: id })),
    channels: [{ id: CHANNEL, name: 'staff' }],
  });
  // The question's message, so that catch-up finds its thread.
  const posted = await slack.userPostsWhileOffline({
    channel: CHANNEL,
    user: USERS[0] as string,
    text: 'The question',
  });
  const threadTs = posted.message.ts;
  const store = await openStore(database.url);
  const directory = (placeholder: string) =>
    placeholder === 'staffroom' ? [{ platform: 'slack' as const, workspaceId: TEAM, channelId: CHANNEL }] : [];
  await loadProgramme(store, programmeDefinition(), 'fixture', { directory });
  const programme = await store.programmes.findBySlug('staff-voice');
  const question = await store.questions.findByKey(programme?.id as string, 'q-open');
  const [target] = await store.channels.targets(programme?.id as string);
  await store.questions.setStatus(question?.id as string, 'open', new Date());
  const ref = `slack:${TEAM}:${CHANNEL}:${threadTs}`;
  await store.postings.create({
    questionId: question?.id as string,
    channelTargetId: target?.id as string,
    messageRef: ref,
    threadRef: ref,
    postedAt: new Date(),
  });
  // No programme files of its own: the app works on the one loaded here.
  const programmes = mkdtempSync(path.join(tmpdir(), 'agora-crash-programmes-'));
  const setup: Setup = {
    slack,
    database,
    store,
    questionId: question?.id as string,
    programmes,
    env: {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PROGRAMMES_DIR: programmes,
      ...extraEnv,
    },
    stream: new ReplyStream(slack.workspace, slack.signingSecret, { team: TEAM, channel: CHANNEL, threadTs }, USERS),
  };
  cleanups.push(async () => {
    await store.close();
    await slack.stop();
    await database.drop();
    rmSync(programmes, { recursive: true, force: true });
  });
  return setup;
}

/** The end of what a child process logged, to say why it stopped. */
const lastLogLines = (logs: string[]) => logs.join('').split('\n').slice(-40).join('\n');

async function start(setup: Setup): Promise<{ child: ChildProcess; url: string; logs: string[] }> {
  const { child, port, logs } = await startAgora(setup.env);
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, url: `http://127.0.0.1:${port}/slack/events`, logs };
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Waits (on the database, not on time) until the inbox has nothing left to apply and `expected` replies are stored. */
async function drained(setup: Setup, expected: number, timeoutMs = 45_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const counts = await setup.store.inbox.counts();
    const stored = (await setup.store.responses.listByQuestion(setup.questionId, { includeDeleted: true })).length;
    if (counts.pending === 0 && stored >= expected) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(`the inbox was not drained: ${JSON.stringify(counts)}, ${stored} of ${expected} stored`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every acknowledged reply is stored exactly once, and nothing is stored that was not sent. */
async function expectAcknowledgedStoredOnce(setup: Setup): Promise<void> {
  const responses = await setup.store.responses.listByQuestion(setup.questionId, { includeDeleted: true });
  const copies = new Map<string, number>();
  for (const response of responses)
    copies.set(response.messageRef ?? '', (copies.get(response.messageRef ?? '') ?? 0) + 1);
  const acknowledged = setup.stream.acknowledged();
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(acknowledged.filter((r) => copies.get(r.messageRef) !== 1).map((r) => r.messageRef)).toEqual([]);
  expect([...copies.values()].every((n) => n === 1)).toBe(true);
  const sent = new Set(setup.stream.replies.map((r) => r.messageRef));
  expect([...copies.keys()].filter((ref) => !sent.has(ref))).toEqual([]);
}

/**
 * SIGKILL while replies are arriving, a restart, then what was not acknowledged sent again (as Slack retries) with
 * the rest of the stream: every acknowledged reply stored once, and in the end every reply.
 */
async function killMidStream(setup: Setup): Promise<void> {
  const first = await start(setup);
  let target = first.url;
  const firstHalf = setup.stream.prepare(200);
  let killing: Promise<void> | undefined;
  await setup.stream.send(firstHalf, () => target, {
    onAnswer: () => {
      if (!killing && setup.stream.acknowledged().length >= 80) killing = kill(first.child);
    },
  });
  await killing;
  const acknowledgedBeforeKill = setup.stream.acknowledged().length;
  expect(acknowledgedBeforeKill).toBeGreaterThanOrEqual(80);
  // Replies sent after the kill were refused (no answer): Slack would send them again.
  expect(setup.stream.unacknowledged().length).toBeGreaterThan(0);
  expect(setup.stream.unacknowledged().every((r) => r.status !== 200)).toBe(true);

  const second = await start(setup);
  target = second.url;
  // Whatever the killed process had acknowledged is applied by the new one (from the inbox), before or alongside.
  await drained(setup, acknowledgedBeforeKill);
  await expectAcknowledgedStoredOnce(setup);

  // Slack's retries of what was never acknowledged, then the rest of the stream.
  await setup.stream.send([...setup.stream.unacknowledged(), ...setup.stream.prepare(100)], () => target);
  expect(setup.stream.unacknowledged()).toEqual([]);
  await drained(setup, setup.stream.replies.length);
  await expectAcknowledgedStoredOnce(setup);
  expect(setup.stream.acknowledged()).toHaveLength(300);
}

describe('the Slack path killed with SIGKILL mid-stream', () => {
  it('stores every acknowledged reply exactly once after a restart, on SQLite', { timeout: 180_000 }, async () => {
    await killMidStream(await setUp(sqliteDatabase()));
  });

  it('stores every acknowledged reply exactly once after a restart, on PostgreSQL', {
    timeout: 180_000,
  }, async (context) => {
    const unavailable = await postgresUnavailableReason();
    if (unavailable) {
      console.warn(`[skipped] the PostgreSQL crash test: ${unavailable}`);
      context.skip();
    }
    await killMidStream(await setUp(await postgresDatabase()));
  });
});

describe('the Slack path with its PostgreSQL connections cut mid-stream', () => {
  it('answers non-200 for what it could not keep, keeps what it acknowledged, and recovers without a restart', {
    timeout: 180_000,
  }, async (context) => {
    const unavailable = await postgresUnavailableReason();
    if (unavailable) {
      console.warn(`[skipped] the PostgreSQL connection-cut test: ${unavailable}`);
      context.skip();
    }
    const database = await postgresDatabase();
    // Only this app's own connections are cut: they are the ones with this application_name.
    const applicationName = `agora-crash-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const url = new URL(database.url);
    url.searchParams.set('application_name', applicationName);
    const setup = await setUp({ url: url.toString(), drop: () => database.drop() });
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    cleanups.push(() => admin.end());
    const cut = async () => {
      const result = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
        [applicationName],
      );
      return result.rowCount ?? 0;
    };

    const app = await start(setup);
    const replies = setup.stream.prepare(300);
    let cuts: Promise<number>[] = [];
    let answered = 0;
    await setup.stream.send(replies, () => app.url, {
      onAnswer: () => {
        answered++;
        // Cut three times, while replies are in flight.
        if (answered === 60 || answered === 120 || answered === 180) cuts.push(cut());
      },
    });
    const terminated = await Promise.all(cuts);
    cuts = [];
    expect(terminated.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(app.child.exitCode, lastLogLines(app.logs)).toBeNull();

    // Every reply got an answer: 200 when kept, an error status (so Slack retries) when not.
    expect(setup.stream.replies.every((r) => r.status === 200 || r.status >= 500)).toBe(true);
    // Recovered without a restart: the last replies, sent after the cuts, were kept.
    expect(replies.slice(-50).every((r) => r.status === 200)).toBe(true);
    await drained(setup, setup.stream.acknowledged().length);
    await expectAcknowledgedStoredOnce(setup);

    // Slack's retries of what was refused are kept now, by the same process.
    await setup.stream.send(setup.stream.unacknowledged(), () => app.url);
    expect(setup.stream.unacknowledged()).toEqual([]);
    await drained(setup, 300);
    await expectAcknowledgedStoredOnce(setup);
    expect(app.child.exitCode, lastLogLines(app.logs)).toBeNull();
  });
});
