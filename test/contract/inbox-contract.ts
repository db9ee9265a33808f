import { expect, it } from 'vitest';
import { type InboundEvent, toInboxEntry } from '../../src/core/inbound/inbound-event.ts';
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

  it('inbox: marks a batch applied at once, each event with its outcome, and only what the worker holds', async () => {
    await inbox().append([entry('e1'), entry('e2', 'thread:B'), entry('e3', 'thread:C'), entry('e4', 'thread:D')]);
    const [e1, e2, e3] = await inbox().claim('w1', at(1), 10_000, 3);
    const ids = [e1, e2, e3].map((e) => e?.id as number);
    const [e4] = await inbox().claim('w2', at(1), 10_000, 1);
    await inbox().markAllApplied(
      [
        { id: ids[0] as number, outcome: 'recorded' },
        { id: ids[1] as number, outcome: 'duplicate' },
        { id: ids[2] as number, outcome: 'recorded' },
        { id: e4?.id as number, outcome: 'recorded' },
      ],
      'w1',
      at(2),
    );
    await inbox().markAllApplied([], 'w1', at(2));
    expect(await inbox().counts()).toEqual({ pending: 1, applied: 3, parked: 0 });
    const applied = await inbox().list('applied', 10);
    expect(applied.map((e) => [e.key, e.outcome, e.appliedAt])).toEqual([
      ['e1', 'recorded', at(2)],
      ['e2', 'duplicate', at(2)],
      ['e3', 'recorded', at(2)],
    ]);
    expect((await inbox().list('pending', 10)).map((e) => e.key)).toEqual(['e4']);
  });

  it('inbox: purges applied events older than the redelivery window, and nothing else', async () => {
    await inbox().append([entry('e1'), entry('e2', 'thread:B')]);
    const [e1] = await inbox().claim('w1', at(1), 10_000, 1);
    await inbox().markApplied(e1?.id as number, 'w1', 'recorded', at(2));
    expect(await inbox().purgeApplied(at(2))).toBe(0);
    expect(await inbox().purgeApplied(at(3))).toBe(1);
    expect(await inbox().counts()).toEqual({ pending: 1, applied: 0, parked: 0 });
  });

  it("inbox: erasure removes every event of one person, whatever its status, and their replies' edits; no one else's", async () => {
    const eilidh = { platform: 'slack' as const, platformUserId: 'U05', displayName: 'Eilidh MacLeod' };
    const other = { platform: 'slack' as const, platformUserId: 'U06', displayName: 'Ruairidh Bain' };
    // Same user id on another platform: another person.
    const namesake = { platform: 'discord' as const, platformUserId: 'U05', displayName: 'U05' };
    const reply = (key: string, author: typeof eilidh | typeof namesake, body: string, second: number) =>
      toInboxEntry(
        {
          kind: 'response.posted',
          platform: author.platform,
          key,
          orderingKey: `thread:${key}`,
          notice: null,
          payload: {
            platform: author.platform,
            containerRef: 'slack:T1:C1:1.0',
            messageRef: `slack:T1:C1:${key}`,
            author,
            body,
            replyToRef: null,
            attachments: [],
            idempotencyKey: key,
            at: at(second),
          },
        } satisfies InboundEvent,
        at(second),
      );
    const edit = (key: string, messageRef: string, body: string): InboxEntry =>
      toInboxEntry(
        {
          kind: 'response.edited',
          platform: 'slack',
          key,
          orderingKey: 'thread:edits',
          notice: null,
          payload: { messageRef, body, idempotencyKey: key, at: at(5) },
        },
        at(5),
      );
    const vote = toInboxEntry(
      {
        kind: 'vote.cast',
        platform: 'slack',
        key: 'v1',
        orderingKey: 'question:Q1',
        notice: { platformUserId: 'U05', workspaceId: 'T1' },
        payload: { questionId: 'Q1', author: eilidh, subject: '', choice: ['a'], idempotencyKey: 'v1', at: at(4) },
      },
      at(4),
    );
    await inbox().append([
      reply('r1', eilidh, 'Cover at short notice.', 1),
      reply('r2', eilidh, '+1 to fewer meetings', 2),
      reply('r3', other, 'As U05 said, fewer meetings.', 3),
      reply('r4', namesake, 'Not the same person.', 3),
      vote,
      edit('e1', 'slack:T1:C1:r1', 'Cover at short notice, edited.'),
      edit('e2', 'slack:T1:C1:r3', 'As U05 said: fewer, shorter meetings.'),
    ]);
    // One of hers applied, one parked, the rest waiting.
    const [r1, r2] = await inbox().claim('w1', at(6), 10_000, 2);
    await inbox().markApplied(r1?.id as number, 'w1', 'recorded', at(7));
    await inbox().park(r2?.id as number, 'w1', 'TypeError: a bug');

    expect(await inbox().eraseFor(['slack:U05', 'message:slack:T1:C1:r1', 'message:slack:T1:C1:r2'])).toEqual({
      applied: 1,
      parked: 1,
      pending: 2,
    });
    const left = [
      ...(await inbox().list('pending', 100)),
      ...(await inbox().list('applied', 100)),
      ...(await inbox().list('parked', 100)),
    ];
    expect(left.map((e) => e.key).sort()).toEqual(['e2', 'r3', 'r4']);
    expect(left.map((e) => e.payload).join('\n')).not.toMatch(
      /Eilidh|Cover at short notice|\+1 to fewer|"slack:T1:C1:r[12]"/,
    );
    expect(await inbox().eraseFor([])).toEqual({ applied: 0, parked: 0, pending: 0 });
  });

  it('inbox: the retention purge removes applied and parked events received before an instant, never pending ones', async () => {
    await inbox().append([entry('e1', 'thread:A', 1), entry('e2', 'thread:B', 1), entry('e3', 'thread:C', 1)]);
    await inbox().append([entry('e4', 'thread:D', 10)]);
    const [e1, e2] = await inbox().claim('w1', at(2), 10_000, 2);
    await inbox().markApplied(e1?.id as number, 'w1', 'recorded', at(3));
    await inbox().park(e2?.id as number, 'w1', 'TypeError: a bug');
    const [, e4] = await inbox().claim('w1', at(11), 10_000, 10);
    await inbox().markApplied(e4?.id as number, 'w1', 'recorded', at(12));
    expect(await inbox().purgeReceivedBefore(at(10))).toBe(2);
    expect(await inbox().counts()).toEqual({ pending: 1, applied: 1, parked: 0 });
    expect((await inbox().list('pending', 10)).map((e) => e.key)).toEqual(['e3']);
  });
}
