import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookkeepingJobHandlers, planBookkeeping } from '../../adapters/scheduler/bookkeeping-jobs.ts';
import { createConsultationScheduler } from '../../adapters/scheduler/create-scheduler.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { type InboundEvent, threadOrder } from '../../src/core/inbound/inbound-event.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { coreHarness } from '../support/core-harness.ts';
import { slackThreadReply } from '../support/inbound-events.ts';

const HOUR = 3_600_000;

describe('the bookkeeping purge', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let pipeline: InboundPipeline;
  beforeEach(async () => {
    h = await coreHarness();
    // Seen event ids are stamped by the database's clock: run the test's clock from the real now.
    h.clock.set(new Date());
    pipeline = new InboundPipeline({ inbox: h.store.inbox, deps: h.deps, worker: 'test', tuning: { pollMs: 10 } });
  });
  afterEach(async () => {
    await pipeline.stop();
    await h.close();
  });

  it('removes applied inbox events and seen event ids older than the redelivery windows, every six hours', async () => {
    await openQuestion(h.deps, h.question('q-open').id);
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    const event = (kind: 'reply' | 'edit', ts: string): InboundEvent =>
      kind === 'reply'
        ? slackThreadReply({ thread, ts, author: h.person('U1'), body: 'Fewer meetings', at: h.clock.now() })
        : {
            kind: 'response.edited',
            platform: 'slack',
            key: `slack:T1:C_STAFF:${ts}:edit`,
            orderingKey: threadOrder(thread),
            notice: null,
            payload: { messageRef: `slack:T1:C_STAFF:${ts}`, body: 'later', idempotencyKey: 'e', at: h.clock.now() },
          };
    await pipeline.submit(event('reply', '1.1'));
    // An edit of a message that has not arrived: pending, and kept however old.
    await pipeline.submit(event('edit', '9.9'));
    await pipeline.drain();
    expect(await h.store.processedEvents.firstSighting('slack:Ev1')).toBe(true);
    expect(await h.store.inbox.counts()).toEqual({ pending: 1, applied: 1, parked: 0 });

    const scheduler = createConsultationScheduler(h.deps, {
      quietHours: null,
      deliverDigest: async () => {},
      handlers: bookkeepingJobHandlers(h.deps),
      workerId: 'w',
    });
    await planBookkeeping(h.store.jobs, h.clock.now());
    h.clock.advance(HOUR);
    expect((await scheduler.runDue()).done).toBe(1);
    expect(await h.store.inbox.counts()).toEqual({ pending: 1, applied: 1, parked: 0 });
    expect(await h.store.processedEvents.firstSighting('slack:Ev1')).toBe(false);

    // It runs again six hours later, and a week on the old rows are gone.
    h.clock.advance(2 * HOUR);
    expect((await scheduler.runDue()).claimed).toBe(0);
    h.clock.advance(8 * 24 * HOUR);
    expect((await scheduler.runDue()).done).toBe(1);
    expect(await h.store.inbox.counts()).toEqual({ pending: 1, applied: 0, parked: 0 });
    expect(await h.store.processedEvents.firstSighting('slack:Ev1')).toBe(true);
    const [job] = await h.store.jobs.list({ prefix: 'bookkeeping:' });
    expect(job).toMatchObject({ status: 'pending', kind: 'bookkeeping' });
    expect(job?.note).toMatch(/removed 1 applied inbox event\(s\) and 1 seen event id\(s\)/);
    expect(job?.runAt.getTime()).toBe(h.clock.now().getTime() + 6 * HOUR);
  });
});
