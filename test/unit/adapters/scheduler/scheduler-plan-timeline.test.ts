import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planProgrammeJobs } from '../../../../adapters/scheduler/plan-programme-jobs.ts';
import { loadProgramme } from '../../../../src/core/consultation/load-programme.ts';
import { digestWeek, nextDigest, planTimeline } from '../../../../src/core/consultation/plan-timeline.ts';
import type { ProgrammeRecord } from '../../../../src/core/records.ts';
import { coreHarness } from '../../../support/core-harness.ts';
import { programmeDefinition, programmeFile, slackDirectory } from '../../../support/programme-fixture.ts';

/** The fixture's sections with the first two questions changed as an organiser would edit the file. */
function editedSections(edit: (questions: Record<string, unknown>[]) => Record<string, unknown>[]) {
  const [section] = programmeFile().sections;
  return [{ ...section, questions: edit(section?.questions as Record<string, unknown>[]) }];
}

describe('planning a programme timeline as jobs', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let programme: ProgrammeRecord;

  beforeEach(async () => {
    h = await coreHarness();
    programme = (await h.store.programmes.findBySlug('staff-voice')) as ProgrammeRecord;
  });
  afterEach(async () => h.close());

  const questions = () => h.store.questions.listByProgramme(programme.id, { includeArchived: true });

  it('plans an open, each reminder and a close per dated question, and the next Monday digest', async () => {
    const plan = planTimeline(programme, await questions(), new Date('2026-11-20T00:00:00Z'));
    const open = h.question('q-open').id;
    const single = h.question('q-single').id;
    expect(plan.jobs.map((j) => [j.key, j.kind, j.runAt.toISOString()])).toEqual([
      [`open:${open}`, 'open', '2026-12-01T09:00:00.000Z'],
      [`remind:${open}:1`, 'remind', '2026-12-10T09:00:00.000Z'],
      [`close:${open}`, 'close', '2026-12-14T17:00:00.000Z'],
      [`open:${single}`, 'open', '2026-12-01T09:00:00.000Z'],
      [`close:${single}`, 'close', '2026-12-14T17:00:00.000Z'],
      // Monday 08:00 London, after the first question opens; it reports on the week before.
      [`digest:${programme.id}:2026-W49`, 'digest', '2026-12-07T08:00:00.000Z'],
    ]);
    expect(plan.jobs.find((j) => j.kind === 'remind')?.payload).toMatchObject({
      programmeSlug: 'staff-voice',
      questionKey: 'q-open',
      n: 1,
    });
    expect(plan.jobs.find((j) => j.kind === 'digest')?.payload).toMatchObject({
      week: '2026-W49',
      from: '2026-11-30T08:00:00.000Z',
      to: '2026-12-07T08:00:00.000Z',
    });
    // No retention period: any pending purge goes.
    expect(plan.cancel).toContainEqual({ prefix: `purge:${programme.id}`, keep: [] });
    expect(plan.cancel).toContainEqual({ prefix: `remind:${open}:`, keep: [`remind:${open}:1`] });
  });

  it('plans weekly digests from the first open to the week after the last close', async () => {
    const dated = (await questions()).filter((q) => q.closesAt);
    const runs: string[] = [];
    let after = new Date('2026-11-20T00:00:00Z');
    let week: string | undefined;
    for (let next = nextDigest(programme, dated, after); next; next = nextDigest(programme, dated, after, week)) {
      runs.push(`${next.runAt.toISOString()} ${next.payload.week}`);
      after = next.runAt;
      week = String(next.payload.week);
    }
    expect(runs).toEqual([
      '2026-12-07T08:00:00.000Z 2026-W49',
      '2026-12-14T08:00:00.000Z 2026-W50',
      '2026-12-21T08:00:00.000Z 2026-W51',
    ]);
    expect(digestWeek(new Date('2027-01-18T08:00:00Z'))).toBe('2027-W02');
  });

  it('plans a daily retention run at 03:00 local time when the programme sets retention_days', async () => {
    await loadProgramme(h.store, programmeDefinition({ retention_days: 30 }), 'v2', { directory: slackDirectory });
    const withRetention = (await h.store.programmes.findBySlug('staff-voice')) as ProgrammeRecord;
    const plan = planTimeline(withRetention, await questions(), new Date('2026-12-01T10:00:00Z'));
    const purge = plan.jobs.find((j) => j.kind === 'purge');
    expect(purge?.key).toBe(`purge:${programme.id}`);
    expect(purge?.runAt.toISOString()).toBe('2026-12-02T03:00:00.000Z');
  });

  it('reschedules what has not run after an edit, keeps what has run, and drops jobs of removed questions', async () => {
    const first = await planProgrammeJobs(h.deps, 'staff-voice');
    expect(first.planned).toBe(6);
    const open = h.question('q-open').id;
    const single = h.question('q-single').id;
    // The open of q-open has run; q-single's failed once and waits for its retry.
    for (const job of await h.store.jobs.claimDue('w', new Date('2026-12-01T09:00:00Z'), 60_000, 2)) {
      if (job.key === `open:${open}`) await h.store.jobs.complete(job.id, 'w', 'done', 'posted');
      else await h.store.jobs.fail(job.id, 'w', 'timeout', new Date('2026-12-01T09:01:00Z'));
    }

    const sections = editedSections((qs) =>
      qs
        .filter((q) => q.id !== 'q-single')
        .map((q) =>
          q.id === 'q-open'
            ? { ...q, opens: '2026-12-02 09:00', reminders: ['2026-12-11 09:00', '2026-12-13 09:00'] }
            : q,
        ),
    );
    await loadProgramme(h.store, programmeDefinition({ sections }), 'v2', { directory: slackDirectory });
    const second = await planProgrammeJobs(h.deps, 'staff-voice');
    expect(second.cancelled).toBe(2);

    const jobs = new Map((await h.store.jobs.list()).map((j) => [j.key, j]));
    expect(jobs.get(`open:${open}`)).toMatchObject({ status: 'done', note: 'posted' });
    expect(jobs.get(`open:${open}`)?.runAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(jobs.get(`remind:${open}:1`)?.runAt.toISOString()).toBe('2026-12-11T09:00:00.000Z');
    expect(jobs.get(`remind:${open}:2`)?.runAt.toISOString()).toBe('2026-12-13T09:00:00.000Z');
    expect(jobs.has(`open:${single}`)).toBe(false);
    expect(jobs.has(`close:${single}`)).toBe(false);

    // Fewer reminders: the dropped one goes.
    const fewer = editedSections((qs) =>
      qs
        .filter((q) => q.id !== 'q-single')
        .map((q) => (q.id === 'q-open' ? { ...q, reminders: ['2026-12-11 09:00'] } : q)),
    );
    await loadProgramme(h.store, programmeDefinition({ sections: fewer }), 'v3', { directory: slackDirectory });
    await planProgrammeJobs(h.deps, 'staff-voice');
    expect((await h.store.jobs.list({ prefix: `remind:${open}:` })).map((j) => j.key)).toEqual([`remind:${open}:1`]);
  });

  it('keeps a digest that is due but not yet sent when planning again', async () => {
    h.clock.set('2026-12-07T08:00:30Z');
    await h.store.jobs.schedule({
      key: `digest:${programme.id}:2026-W49`,
      kind: 'digest',
      payload: { programmeId: programme.id, week: '2026-W49' },
      runAt: new Date('2026-12-07T08:00:00Z'),
    });
    await planProgrammeJobs(h.deps, 'staff-voice');
    const digests = (await h.store.jobs.list({ prefix: `digest:${programme.id}:` })).map((j) => j.key);
    expect(digests).toEqual([`digest:${programme.id}:2026-W49`, `digest:${programme.id}:2026-W50`]);
  });
});
