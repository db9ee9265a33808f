import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import type { InboundEvent } from '../../../src/core/inbound/inbound-event.ts';
import { InboundPipeline } from '../../../src/core/inbound/pipeline.ts';
import { InMemoryInbox } from '../../fakes/in-memory-inbox.ts';
import { coreHarness } from '../../support/core-harness.ts';
import { slackThreadReply } from '../../support/inbound-events.ts';

/** An adapter can wait, for a bounded time, until what it submitted is applied and its effects sent. */
describe('waiting for an event to be applied', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let pipeline: InboundPipeline;
  let thread: string;

  beforeEach(async () => {
    h = await coreHarness();
    await openQuestion(h.deps, h.question('q-open').id);
    thread = h.platform.posted[0]?.ref.threadRef as string;
    pipeline = new InboundPipeline({
      inbox: new InMemoryInbox(),
      deps: h.deps,
      worker: 'test',
      tuning: { refreshDelayMs: 5, pollMs: 10 },
    });
  });
  afterEach(async () => {
    await pipeline.stop();
    await h.close();
  });

  const reply = (ts: string, body: string): InboundEvent =>
    slackThreadReply({
      thread,
      ts,
      author: h.person('U1'),
      body,
      at: h.clock.now(),
      notice: { platformUserId: 'U1', workspaceId: 'T1' },
    });

  it('resolves with the outcome and what the person was told, once the confirmation was sent', async () => {
    await pipeline.start();
    await pipeline.submit(reply('1.1', 'Fewer meetings'));
    const settled = await pipeline.whenApplied('slack:T1:C_STAFF:1.1', 5000);
    expect(settled).toMatchObject({ status: 'applied', outcome: 'recorded' });
    expect(settled.status === 'applied' && settled.told.join(' ')).toMatch(/thank/i);
    // The confirmation was sent before the wait ended.
    expect(h.platform.privateMessages.map((m) => m.text).join(' ')).toMatch(/thank/i);
    // Asked again (a double submit's second request), it answers from what it remembers.
    expect(await pipeline.whenApplied('slack:T1:C_STAFF:1.1', 10)).toMatchObject({ outcome: 'recorded' });
  });

  it('says "pending" when the event is not applied in time, and nothing is lost by asking', async () => {
    await pipeline.submit(reply('2.1', 'Later'));
    expect(await pipeline.whenApplied('slack:T1:C_STAFF:2.1', 50)).toEqual({ status: 'pending' });
    const later = pipeline.whenApplied('slack:T1:C_STAFF:2.1', 5000);
    await pipeline.start();
    expect(await later).toMatchObject({ status: 'applied', outcome: 'recorded' });
    expect(await h.store.responses.listByQuestion(h.question('q-open').id)).toHaveLength(1);
  });
});
