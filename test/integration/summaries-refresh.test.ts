import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../adapters/scheduler/scheduler.ts';
import { IDLE_UNTIL, startSummaryRefresh, summaryJobHandlers } from '../../adapters/scheduler/summary-jobs.ts';
import { currentPositions, summaryPositions } from '../../src/core/digest/summary-positions.ts';
import type { DigestWeek } from '../../src/core/digest/weeks.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import type { Summariser } from '../../src/core/ports/summariser.ts';
import { storingSummariser } from '../../src/core/summaries/summarise-question.ts';
import { coreHarness } from '../support/core-harness.ts';
import { type SummaryHarness, seedSummaries } from '../support/summary-fixture.ts';

describe('summaries kept current in the background', () => {
  let h: SummaryHarness;
  let seeded: Awaited<ReturnType<typeof seedSummaries>>;
  let scheduler: Scheduler;
  const summaries = () => h.store.db.summary.count();
  const jobs = async (prefix: string) =>
    (await h.store.jobs.list({ prefix })).map((j) => [j.key.split(':')[0], j.status, j.note ?? '']);

  beforeEach(async () => {
    h = await coreHarness();
    seeded = await seedSummaries(h);
    scheduler = new Scheduler({
      jobs: h.store.jobs,
      clock: h.clock,
      logger: silentLogger,
      workerId: 'test-worker',
      handlers: summaryJobHandlers(h.deps, { debounceMs: 30_000, sweepEveryMs: 60_000 }),
    });
  });
  afterEach(async () => {
    await h.close();
  });

  async function answer(who: string, body: string) {
    const participant = await h.store.participants.upsert(h.person(who));
    await h.store.responses.record({
      questionId: seeded.open.id,
      postingId: null,
      participantId: participant.id,
      body,
      private: false,
      messageRef: null,
      replyToId: null,
      attachments: [],
      idempotencyKey: `late:${who}`,
      createdAt: h.clock.now(),
    });
  }

  it('refreshes a question a little after answers arrive, once for a burst, so readers find it current', async () => {
    await startSummaryRefresh(h.deps);
    await scheduler.runDue();
    // Found stale, each waits out the debounce before being computed.
    expect(await summaries()).toBe(0);
    const waiting = async () =>
      (await h.store.jobs.list({ status: 'pending', prefix: 'summary:' })).filter((j) => j.runAt < IDLE_UNTIL);
    expect(await waiting()).toHaveLength(2);
    h.clock.advance(31_000);
    await scheduler.runDue();
    expect(await summaries()).toBe(2);

    await answer('late1', 'Marking policy: too much written feedback, marking every night.');
    h.clock.advance(10_000);
    await answer('late2', 'Meetings run long; fewer meetings please.');
    h.clock.advance(20_000);
    await scheduler.runDue();
    // One refresh for the two answers, none for the agree/disagree question, whose summary still stands.
    expect((await waiting()).map((j) => j.key)).toEqual([`summary:${seeded.open.id}`]);
    h.clock.advance(31_000);
    await scheduler.runDue();
    expect(await summaries()).toBe(3);
    expect((await h.store.jobs.list({ prefix: `summary:${seeded.open.id}` }))[0]?.note).toMatch(
      /updated with 2 new answers/,
    );

    // Reading positions now writes nothing: the stored summary is current, and says when it was made.
    const positions = await currentPositions(h.deps, seeded.open, 'organisers');
    expect(await summaries()).toBe(3);
    expect(positions.asOf).toBe(h.clock.now().toISOString());
    expect(await jobs('summaries')).toEqual([['summaries', 'pending', expect.stringMatching(/1 of 2 summaries/)]]);
  });

  it('reads a standing summary without writing, and asks the summariser only for a stale one', async () => {
    const asked: string[] = [];
    const summariser: Summariser = {
      fresh: async (question) => {
        asked.push(question.key);
        return storingSummariser(h.deps).fresh(question);
      },
    };
    await currentPositions(h.deps, seeded.open, 'organisers', summariser);
    expect([asked, await summaries()]).toEqual([[seeded.open.key], 1]);

    await currentPositions(h.deps, seeded.open, 'organisers', summariser);
    const week: DigestWeek = {
      label: 'now',
      start: new Date(h.clock.now().getTime() - 86_400_000),
      end: h.clock.now(),
    };
    await summaryPositions(h.deps, summariser).positions({
      store: h.store,
      question: seeded.open,
      week,
      previous: null,
      previousEnd: null,
    });
    expect([asked, await summaries()]).toEqual([[seeded.open.key], 1]);

    await answer('late3', 'Report writing takes every Sunday.');
    await currentPositions(h.deps, seeded.open, 'organisers', summariser);
    expect(asked).toEqual([seeded.open.key, seeded.open.key]);
  });
});
