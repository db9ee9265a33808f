import { expect, it } from 'vitest';
import type { InboxEntry, InboxRepository } from '../../src/core/ports/inbox.ts';

const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, second));
const entry = (key: string, orderingKey = 'thread:A', second = 0): InboxEntry => ({
  key,
  orderingKey,
  kind: 'response.posted',
  payload: JSON.stringify({ key }),
  receivedAt: at(second),
});

/** What every inbox must do, whichever store holds it: run by the store suite and on the in-process inbox. */
export function inboxContract(inbox: () => InboxRepository): void {
  it('inbox: appends a batch at once, telling new events from duplicates, in the batch or stored before', async () => {
    expect(await inbox().append([entry('e1'), entry('e2'), entry('e1')])).toEqual([true, true, false]);
    expect(await inbox().append([entry('e2'), entry('e3')])).toEqual([false, true]);
    expect(await inbox().counts()).toEqual({ pending: 3, applied: 0, parked: 0 });
  });

  it('inbox: hands out due events in commit order, each to one worker at a time until its lease runs out', async () => {
    await inbox().append([entry('e1', 'thread:A'), entry('e2', 'thread:B'), entry('e3', 'thread:C')]);
    const first = await inbox().claim('w1', at(1), 10_000, 2);
    expect(first.map((e) => e.key)).toEqual(['e1', 'e2']);
    expect((await inbox().claim('w2', at(2), 10_000, 10)).map((e) => e.key)).toEqual(['e3']);
    expect(await inbox().claim('w2', at(3), 10_000, 10)).toEqual([]);
    // w1 died: its events are handed out again after the lease.
    expect((await inbox().claim('w2', at(13), 10_000, 10)).map((e) => e.key)).toEqual(['e1', 'e2', 'e3']);
  });

  it('inbox: keeps one ordering key in order across workers: a later event waits while an earlier one is held', async () => {
    await inbox().append([entry('e1', 'thread:A')]);
    expect((await inbox().claim('w1', at(1), 10_000, 10)).map((e) => e.key)).toEqual(['e1']);
    await inbox().append([entry('e2', 'thread:A', 2), entry('e3', 'thread:B', 2)]);
    expect((await inbox().claim('w2', at(3), 10_000, 10)).map((e) => e.key)).toEqual(['e3']);
    const [held] = await inbox().list('pending', 1);
    await inbox().markApplied(held?.id as number, 'w1', 'recorded', at(4));
    expect((await inbox().claim('w2', at(5), 10_000, 10)).map((e) => e.key)).toEqual(['e2']);
  });

  it('inbox: marks applied, retries later with attempts counted, parks, and retries parked events', async () => {
    await inbox().append([entry('e1'), entry('e2', 'thread:B'), entry('e3', 'thread:C')]);
    const [e1, e2, e3] = await inbox().claim('w1', at(1), 10_000, 10);
    await inbox().markApplied(e1?.id as number, 'w1', 'recorded', at(2));
    await inbox().retryLater(e2?.id as number, 'w1', at(30), 'database is locked', true);
    await inbox().park(e3?.id as number, 'w1', 'TypeError: a bug');
    // Someone who does not hold the event cannot change it.
    await inbox().markApplied(e2?.id as number, 'w2', 'recorded', at(2));
    expect(await inbox().counts()).toEqual({ pending: 1, applied: 1, parked: 1 });
    expect(await inbox().claim('w1', at(20), 10_000, 10)).toEqual([]);
    const [again] = await inbox().claim('w1', at(31), 10_000, 10);
    expect(again).toMatchObject({ key: 'e2', attempts: 1, lastError: 'database is locked' });
    const [parked] = await inbox().list('parked', 10);
    expect(parked).toMatchObject({ key: 'e3', lastError: 'TypeError: a bug' });
    expect((await inbox().list('applied', 10))[0]).toMatchObject({ key: 'e1', outcome: 'recorded', appliedAt: at(2) });
    expect(await inbox().retryParked(at(40))).toBe(1);
    expect((await inbox().claim('w1', at(41), 10_000, 10)).map((e) => [e.key, e.attempts])).toEqual([['e3', 0]]);
  });

  it('inbox: purges applied events older than the redelivery window, and nothing else', async () => {
    await inbox().append([entry('e1'), entry('e2', 'thread:B')]);
    const [e1] = await inbox().claim('w1', at(1), 10_000, 1);
    await inbox().markApplied(e1?.id as number, 'w1', 'recorded', at(2));
    expect(await inbox().purgeApplied(at(2))).toBe(0);
    expect(await inbox().purgeApplied(at(3))).toBe(1);
    expect(await inbox().counts()).toEqual({ pending: 1, applied: 0, parked: 0 });
  });
}
