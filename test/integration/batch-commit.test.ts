import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import type { InboxRecord } from '../../src/core/ports/inbox.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { coreHarness } from '../support/core-harness.ts';
import { slackThreadReply } from '../support/inbound-events.ts';

/**
 * A batch of events and its inbox marks commit together, over the store's own inbox: once its transaction has
 * committed there is nothing left to apply again after a crash, and a transaction that fails marks nothing.
 */
describe('a batch marked applied in its own transaction', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let pipeline: InboundPipeline;
  let thread: string;
  /** What the inbox held as each batch's transaction ended, before anything else ran. */
  const seen: InboxRecord[][] = [];
  let failNext = false;

  beforeEach(async () => {
    h = await coreHarness();
    seen.length = 0;
    failNext = false;
    const transaction = h.store.transaction.bind(h.store);
    h.store.transaction = async <T>(work: (tx: Store) => Promise<T>) => {
      const done = await transaction(async (tx) => {
        const value = await work(tx);
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
        }
        return value;
      }).catch((error: unknown) => {
        seen.push([]);
        throw error;
      });
      seen.push(await h.store.inbox.list('applied', 100));
      return done;
    };
    await openQuestion(h.deps, h.question('q-open').id);
    thread = h.platform.posted[0]?.ref.threadRef as string;
    pipeline = new InboundPipeline({ inbox: h.store.inbox, deps: h.deps, worker: 'test' });
  });
  afterEach(async () => {
    await pipeline.stop();
    await h.close();
  });

  const reply = (ts: string, user: string) =>
    slackThreadReply({ thread, ts, author: h.person(user), body: `reply ${ts}`, at: h.clock.now() });

  it('leaves nothing to apply again once the batch has committed', async () => {
    await pipeline.submit(reply('1.1', 'U1'));
    await pipeline.submit(reply('1.2', 'U2'));
    await pipeline.drain();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.map((e) => [e.key, e.outcome])).toEqual([
      ['slack:T1:C_STAFF:1.1', 'recorded'],
      ['slack:T1:C_STAFF:1.2', 'recorded'],
    ]);
  });

  it('marks nothing applied when the transaction fails, and then applies each event once', async () => {
    await pipeline.submit(reply('1.1', 'U1'));
    await pipeline.submit(reply('1.2', 'U2'));
    failNext = true;
    await pipeline.drain();
    expect(seen[0]).toEqual([]);
    const responses = await h.store.responses.listByQuestion(h.question('q-open').id);
    expect(responses.map((r) => r.body)).toEqual(['reply 1.1', 'reply 1.2']);
    // Applied again one by one: recorded, not duplicates of a batch that was kept without its marks.
    expect((await h.store.inbox.list('applied', 10)).map((e) => e.outcome)).toEqual(['recorded', 'recorded']);
  });
});
