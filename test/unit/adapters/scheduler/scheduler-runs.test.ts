import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_DELAYS_MS, retryDelay } from '../../../../adapters/scheduler/backoff.ts';
import {
  type ConsultationSchedulerOptions,
  createConsultationScheduler,
} from '../../../../adapters/scheduler/create-scheduler.ts';
import { consultationJobHandlers } from '../../../../adapters/scheduler/job-handlers.ts';
import { planProgrammeJobs } from '../../../../adapters/scheduler/plan-programme-jobs.ts';
import { castVote } from '../../../../src/core/consultation/cast-vote.ts';
import { closeQuestion } from '../../../../src/core/consultation/close-question.ts';
import { parseQuietHours, quietHoursEnd } from '../../../../src/core/consultation/quiet-hours.ts';
import { recordResponse } from '../../../../src/core/consultation/record-response.ts';
import type { JobRecord } from '../../../../src/core/records.ts';
import { coreHarness } from '../../../support/core-harness.ts';
import { SLACK_ORGANISERS, SLACK_STAFFROOM } from '../../../support/programme-fixture.ts';
import { RecordingLogger } from '../../../support/recording-logger.ts';

const MINUTE = 60_000;

/** The fixture programme over SQLite, with a scheduler on a test clock; digests are recorded, not sent. */
async function schedulerHarness(
  options: Partial<ConsultationSchedulerOptions> = {},
  overrides: Record<string, unknown> = {},
) {
  const h = await coreHarness(overrides);
  const logger = new RecordingLogger();
  const deps = { ...h.deps, logger };
  const digests: { programmeId: string; week: string }[] = [];
  const scheduler = createConsultationScheduler(deps, {
    workerId: 'test-worker',
    quietHours: { from: 20, to: 8 },
    deliverDigest: async (programmeId, week) => {
      digests.push({ programmeId, week });
    },
    ...options,
  });
  const job = async (key: string) =>
    (await h.store.jobs.list()).find((j) => j.key === key) ?? (undefined as unknown as JobRecord);
  return { ...h, deps, logger, scheduler, digests, job, plan: () => planProgrammeJobs(deps, 'staff-voice') };
}

let current: Awaited<ReturnType<typeof schedulerHarness>> | undefined;
async function harness(...args: Parameters<typeof schedulerHarness>) {
  current = await schedulerHarness(...args);
  return current;
}
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const reply = (thread: string, ts: string, user: string, body: string, at: Date) => ({
  platform: 'slack' as const,
  containerRef: thread,
  messageRef: `slack:T1:C_STAFF:${ts}`,
  author: { platform: 'slack' as const, platformUserId: user, displayName: user },
  body,
  replyToRef: null,
  attachments: [],
  idempotencyKey: `slack:T1:C_STAFF:${ts}`,
  at,
});

describe('retrying failed jobs', () => {
  it('backs off 1 min, 5 min, 30 min, 2 h, then 6 h between attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => retryDelay(n) / MINUTE)).toEqual([1, 5, 30, 120, 360, 360, 360]);
    expect(DEFAULT_RETRY_DELAYS_MS).toHaveLength(5);
  });

  it('retries a failing job with back-off, then marks it dead and tells the organisers channel once', async () => {
    let calls = 0;
    const h = await harness({
      maxAttempts: 3,
      handlers: {
        flaky: async () => {
          calls++;
          throw new Error('the platform said: rate_limited');
        },
      },
    });
    const programme = await h.store.programmes.findBySlug('staff-voice');
    const start = new Date('2026-12-01T10:00:00Z');
    await h.store.jobs.schedule({
      key: 'flaky:1',
      kind: 'flaky',
      payload: { programmeId: programme?.id, questionKey: 'q-open' },
      runAt: start,
    });

    expect((await h.scheduler.runDue()).failed).toBe(1);
    expect(await h.job('flaky:1')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'the platform said: rate_limited',
      runAt: new Date(start.getTime() + MINUTE),
    });
    expect((await h.scheduler.runDue()).claimed).toBe(0);

    h.clock.advance(MINUTE);
    await h.scheduler.runDue();
    expect(await h.job('flaky:1')).toMatchObject({ status: 'pending', attempts: 2 });
    expect((await h.job('flaky:1')).runAt.toISOString()).toBe('2026-12-01T10:06:00.000Z');

    h.clock.advance(5 * MINUTE);
    expect((await h.scheduler.runDue()).dead).toBe(1);
    expect(await h.job('flaky:1')).toMatchObject({ status: 'dead', attempts: 3 });
    expect(calls).toBe(3);
    expect(h.platform.messages).toHaveLength(1);
    expect(h.platform.messages[0]?.channel).toMatchObject(SLACK_ORGANISERS);
    expect(h.platform.messages[0]?.text).toContain('after 3 attempts and has stopped trying');
    expect(h.platform.messages[0]?.text).toContain('rate_limited');
    expect(h.logger.about('flaky:1').map((l) => `${l.level} ${l.message}`)).toEqual([
      'warn job failed; will retry',
      'warn job failed; will retry',
      'error job dead after 3 attempts',
    ]);

    h.clock.advance(24 * 60 * MINUTE);
    expect((await h.scheduler.runDue()).claimed).toBe(0);
  });

  it('takes over a job whose worker stopped once its lease expires, and gives up on one that keeps stopping them', async () => {
    const ran: string[] = [];
    const h = await harness({
      leaseMs: 10 * MINUTE,
      maxAttempts: 2,
      handlers: {
        probe: async (job) => {
          ran.push(job.key);
          return { status: 'done' };
        },
      },
    });
    const now = h.clock.now();
    await h.store.jobs.schedule({ key: 'probe:a', kind: 'probe', payload: {}, runAt: now });
    await h.store.jobs.claimDue('a-worker-that-died', now, 10 * MINUTE, 10);
    expect((await h.scheduler.runDue()).claimed).toBe(0);
    h.clock.advance(10 * MINUTE + 1000);
    await h.scheduler.runDue();
    expect(ran).toEqual(['probe:a']);
    expect(await h.job('probe:a')).toMatchObject({ status: 'done', attempts: 2, leasedBy: 'test-worker' });

    await h.store.jobs.schedule({ key: 'probe:b', kind: 'probe', payload: {}, runAt: h.clock.now() });
    for (let i = 0; i < 2; i++) {
      await h.store.jobs.claimDue(`doomed-${i}`, h.clock.now(), 10 * MINUTE, 10);
      h.clock.advance(10 * MINUTE + 1000);
    }
    expect((await h.scheduler.runDue()).dead).toBe(1);
    expect(ran).toEqual(['probe:a']);
    expect((await h.job('probe:b')).lastError).toMatch(/abandoned 2 times/);
  });
});

describe('stopping', () => {
  it('runs due jobs as soon as it starts, then on its cron tick, and refuses a tick that is not cron', async () => {
    const h = await harness({ tick: '* * * * *', handlers: { probe: async () => ({ status: 'done' }) } });
    await h.store.jobs.schedule({ key: 'probe:1', kind: 'probe', payload: {}, runAt: h.clock.now() });
    h.scheduler.start();
    for (let i = 0; i < 100 && (await h.job('probe:1')).status !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 50));
    await h.scheduler.stop();
    expect((await h.job('probe:1')).status).toBe('done');
    const bad = createConsultationScheduler(h.deps, {
      tick: 'every minute',
      quietHours: null,
      deliverDigest: async () => {},
    });
    expect(() => bad.start()).toThrow(/SCHEDULER_TICK "every minute" is not a cron expression/);
  });

  it('finishes the job in hand and hands the rest of the batch back for another worker to run now', async () => {
    const ran: string[] = [];
    const h = await harness({
      handlers: {
        probe: async (job) => {
          ran.push(job.key);
          void h.scheduler.stop();
          return { status: 'done' };
        },
      },
    });
    for (const key of ['probe:1', 'probe:2', 'probe:3'])
      await h.store.jobs.schedule({ key, kind: 'probe', payload: {}, runAt: h.clock.now() });
    expect(await h.scheduler.runDue()).toMatchObject({ claimed: 3, done: 1 });
    expect(ran).toHaveLength(1);
    const rest = (await h.store.jobs.list({ status: 'pending' })).map((j) => [j.attempts, j.leaseUntil, j.note]);
    expect(rest).toEqual([
      [0, null, 'handed back when its worker stopped'],
      [0, null, 'handed back when its worker stopped'],
    ]);
    expect(await h.store.jobs.claimDue('another-worker', h.clock.now(), MINUTE, 10)).toHaveLength(2);
  });
});

describe('catching up after downtime', () => {
  it('runs an overdue open once, skips a reminder whose question has passed its close time, and closes', async () => {
    const h = await harness();
    h.clock.set('2026-12-15T12:00:00Z');
    await h.plan();
    const open = h.question('q-open').id;

    const summary = await h.scheduler.runDue();
    expect(summary).toMatchObject({ claimed: 5, done: 4, skipped: 1, failed: 0 });
    expect(h.platform.posted.map((p) => p.card.prompt)).toEqual([
      'What would most reduce your workload?',
      'Is marking policy clear?',
    ]);
    expect(h.platform.privateMessages).toEqual([]);
    expect(await h.job(`remind:${open}:1`)).toMatchObject({ status: 'skipped' });
    expect((await h.job(`remind:${open}:1`)).note).toBe("the question's close time (2026-12-14 17:00 UTC) has passed");
    expect((await h.job(`open:${open}`)).note).toMatch(/posted to 1 channel\(s\) \(ran 14 days late, catching up\)/);
    expect((await h.job(`close:${open}`)).status).toBe('done');
    expect((await h.store.questions.findById(open))?.status).toBe('closed');

    // Every decision is in the log, with the job's key and why.
    const skip = h.logger.about(`remind:${open}:1`);
    expect(skip).toMatchObject([{ level: 'info', message: 'job skipped' }]);
    expect(skip[0]?.context.note).toContain('close time');

    // Nothing runs twice.
    expect((await h.scheduler.runDue()).claimed).toBe(0);
    await h.plan();
    expect((await h.scheduler.runDue()).claimed).toBe(0);
    expect(h.platform.posted).toHaveLength(2);
  });

  it('runs an overdue open once even when asked again, and skips reminders and closes of a question closed by hand', async () => {
    const h = await harness();
    h.clock.set('2026-12-05T12:00:00Z');
    await h.plan();
    const open = h.question('q-open').id;
    await h.scheduler.runDue();
    await h.scheduler.runDue();
    expect(h.platform.posted.filter((p) => p.card.questionId === open)).toHaveLength(1);

    await closeQuestion(h.deps, open);
    h.clock.set('2026-12-10T09:00:00Z');
    await h.scheduler.runDue();
    expect((await h.job(`remind:${open}:1`)).note).toBe('the question is already closed');
    h.clock.set('2026-12-14T17:00:00Z');
    await h.scheduler.runDue();
    expect(await h.job(`close:${open}`)).toMatchObject({ status: 'skipped' });
    expect((await h.job(`close:${open}`)).note).toMatch(/already closed at 2026-12-05 12:00 UTC/);
    expect(h.platform.privateMessages).toEqual([]);
  });

  it('holds a close or a reminder back until the question has been posted', async () => {
    const h = await harness();
    h.clock.set('2026-11-30T12:00:00Z');
    await h.plan();
    const open = h.question('q-open').id;
    const handlers = consultationJobHandlers(h.deps, { quietHours: null, deliverDigest: async () => {} });
    const now = new Date('2026-12-01T08:00:00Z');
    for (const key of [`close:${open}`, `remind:${open}:1`]) {
      expect(await handlers[key.startsWith('close') ? 'close' : 'remind'](await h.job(key), now)).toEqual({
        status: 'deferred',
        until: new Date('2026-12-01T09:01:00Z'),
        note: 'waiting for the question to be posted first',
      });
    }
    expect(h.platform.updates).toEqual([]);
  });

  it('sends one reminder when several have come due while stopped', async () => {
    const h = await harness(
      {},
      {
        sections: [
          {
            id: 'workload',
            title: 'Workload',
            questions: [
              {
                id: 'q-open',
                kind: 'open',
                prompt: 'What would most reduce your workload?',
                opens: '2026-12-01 09:00',
                closes: '2026-12-14 17:00',
                reminders: ['2026-12-08 09:00', '2026-12-10 09:00'],
              },
            ],
          },
        ],
      },
    );
    const open = h.question('q-open').id;
    h.clock.set('2026-12-01T09:00:00Z');
    await h.plan();
    await h.scheduler.runDue();
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    await recordResponse(h.deps, reply(thread, '1.1', 'U1', 'Fewer meetings', h.clock.now()));
    // Stopped from before the first reminder until after the second.
    h.clock.set('2026-12-10T10:00:00Z');
    await h.scheduler.runDue();
    expect((await h.job(`remind:${open}:1`)).note).toBe('reminder 2 is also due, and one reminder is enough');
    expect((await h.job(`remind:${open}:2`)).status).toBe('done');
  });
});

describe('quiet hours', () => {
  it('moves a reminder that comes due in quiet hours to when they end, then reminds only non-respondents', async () => {
    const h = await harness();
    h.clock.set('2026-12-01T09:00:00Z');
    await h.plan();
    await h.scheduler.runDue();
    const open = h.question('q-open');
    const thread = h.platform.posted.find((p) => p.card.questionId === open.id)?.ref.threadRef as string;
    await recordResponse(h.deps, reply(thread, '1.1', 'U2', 'Fewer meetings', h.clock.now()));
    await castVote(h.deps, {
      questionId: h.question('q-single').id,
      author: { platform: 'slack', platformUserId: 'U1', displayName: 'U1' },
      subject: '',
      choice: ['yes'],
      idempotencyKey: 'v1',
      at: h.clock.now(),
    });

    // The scheduler was down at 09:00 and comes back at 21:00, inside quiet hours (20-8).
    h.clock.set('2026-12-10T21:00:00Z');
    expect((await h.scheduler.runDue()).deferred).toBe(1);
    expect(h.platform.privateMessages).toEqual([]);
    expect(await h.job(`remind:${open.id}:1`)).toMatchObject({
      status: 'pending',
      attempts: 0,
      note: 'quiet hours: moved to 2026-12-11 08:00 UTC',
      runAt: new Date('2026-12-11T08:00:00Z'),
    });

    h.clock.set('2026-12-11T08:00:00Z');
    await h.scheduler.runDue();
    expect(h.platform.privateMessages.map((m) => m.recipient.platformUserId)).toEqual(['U1']);
    expect(h.platform.privateMessages[0]?.recipient.channel).toMatchObject(SLACK_STAFFROOM);
    expect(await h.job(`remind:${open.id}:1`)).toMatchObject({ status: 'done', attempts: 1 });
    expect((await h.job(`remind:${open.id}:1`)).note).toMatch(/^reminded 1; 0 opted out/);
  });

  it('ends quiet hours at the local hour, across midnight and in summer time', () => {
    const quiet = parseQuietHours('20-8');
    expect(quiet).toEqual({ from: 20, to: 8 });
    expect(parseQuietHours('')).toBeNull();
    const end = (iso: string, zone = 'Europe/London') => quietHoursEnd(new Date(iso), zone, quiet).toISOString();
    expect(end('2026-12-10T21:00:00Z')).toBe('2026-12-11T08:00:00.000Z');
    expect(end('2026-12-11T03:00:00Z')).toBe('2026-12-11T08:00:00.000Z');
    expect(end('2027-06-10T20:30:00Z')).toBe('2027-06-11T07:00:00.000Z');
    expect(end('2027-06-10T12:00:00Z')).toBe('2027-06-10T12:00:00.000Z');
    expect(end('2027-03-27T22:00:00Z')).toBe('2027-03-28T07:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-12-10T13:30:00Z'), 'UTC', { from: 12, to: 14 }).toISOString()).toBe(
      '2026-12-10T14:00:00.000Z',
    );
  });
});

describe('digests and retention', () => {
  it('hands the digest to the digest function and plans the next week', async () => {
    const h = await harness();
    await h.plan();
    const programme = await h.store.programmes.findBySlug('staff-voice');
    h.clock.set('2026-12-07T08:00:00Z');
    await h.scheduler.runDue();
    expect(h.digests).toEqual([{ programmeId: programme?.id, week: '2026-W49' }]);
    expect((await h.store.jobs.list({ status: 'pending', prefix: 'digest:' })).map((j) => j.key)).toEqual([
      `digest:${programme?.id}:2026-W50`,
    ]);
  });

  it('removes responses (and votes, audit details and people with nothing left) older than the retention period daily, and records it in the audit', async () => {
    const h = await harness({}, { retention_days: 30 });
    h.clock.set('2026-12-01T09:00:00Z');
    await h.plan();
    await h.scheduler.runDue();
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    await recordResponse(h.deps, reply(thread, '1.1', 'U1', 'Old answer', new Date('2026-12-01T09:30:00Z')));
    await recordResponse(h.deps, reply(thread, '1.2', 'U2', 'Newer answer', new Date('2026-12-20T09:30:00Z')));
    const programme = await h.store.programmes.findBySlug('staff-voice');

    h.clock.set('2027-01-02T03:00:00Z');
    await h.scheduler.runDue();
    const remaining = await h.store.responses.listByQuestion(h.question('q-open').id, { includeDeleted: true });
    expect(remaining.map((r) => r.body)).toEqual(['Newer answer']);
    const audit = (await h.store.audit.list(programme?.id as string)).find((e) => e.action === 'retention.purge');
    expect(audit).toMatchObject({ actor: 'scheduler', detail: { responses: 1, retentionDays: 30 } });
    expect(await h.job(`purge:${programme?.id}`)).toMatchObject({
      status: 'pending',
      attempts: 0,
      runAt: new Date('2027-01-03T03:00:00Z'),
      note: expect.stringMatching(/^removed 1 response\(s\), 0 vote\(s\), .* older than 30 days$/),
    });
  });
});
