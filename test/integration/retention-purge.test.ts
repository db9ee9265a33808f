import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { castVote } from '../../src/core/consultation/cast-vote.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { recordResponse } from '../../src/core/consultation/record-response.ts';
import { describePurge, purgeExpired } from '../../src/core/erasure/purge-expired.ts';
import type { InboxEntry } from '../../src/core/ports/inbox.ts';
import { coreHarness } from '../support/core-harness.ts';

describe('the retention purge', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  beforeEach(async () => {
    h = await coreHarness({ retention_days: 30 });
  });
  afterEach(async () => h.close());

  it('removes old responses, votes, audit details, statement authorship and people with nothing left', async () => {
    const open = h.question('q-open');
    const single = h.question('q-single');
    await openQuestion(h.deps, open.id);
    await openQuestion(h.deps, single.id);
    const thread = h.platform.posted.find((p) => p.card.questionId === open.id)?.ref.threadRef as string;
    const options = await h.store.questions.options(single.id);
    const act = async (user: string, at: string) => {
      h.clock.set(at);
      await recordResponse(h.deps, {
        platform: 'slack',
        containerRef: thread,
        messageRef: `slack:T1:C_STAFF:${Date.parse(at) / 1000}.000100`,
        author: h.person(user, `Name of ${user}`),
        body: `Answer from ${user}`,
        replyToRef: null,
        attachments: [],
        idempotencyKey: `r-${user}`,
        at: h.clock.now(),
      });
      await castVote(h.deps, {
        questionId: single.id,
        author: h.person(user, `Name of ${user}`),
        subject: '',
        choice: [options[0]?.key as string],
        idempotencyKey: `v-${user}`,
        at: h.clock.now(),
      });
    };
    await act('U_OLD', '2026-12-01T10:00:00Z');
    await act('U_NEW', '2027-01-20T10:00:00Z');
    const old = await h.store.participants.find('slack', 'U_OLD');
    await h.store.audit.record({
      programmeId: open.programmeId,
      actor: 'slack:U_OLD',
      action: 'command.remind',
      detail: { who: 'Name of U_OLD' },
      at: new Date('2026-12-02T10:00:00Z'),
    });
    const programme = await h.store.programmes.findById(open.programmeId);
    if (!programme || !old) throw new Error('fixture');

    h.clock.set('2027-02-01T00:00:00Z');
    const purged = await purgeExpired(h.deps, programme, new Date('2027-01-02T00:00:00Z'));
    expect(purged).toMatchObject({ responses: 1, votes: 1, participants: 1, auditEntries: 1 });
    expect(describePurge(purged, 30)).toContain('1 vote(s)');
    expect(await h.store.participants.find('slack', 'U_OLD')).toBeNull();
    expect(await h.store.participants.find('slack', 'U_NEW')).not.toBeNull();
    expect((await h.store.votes.listByQuestion(single.id)).map((v) => v.participantId)).not.toContain(old.id);
    expect((await h.store.responses.listByQuestion(open.id)).map((r) => r.body)).toEqual(['Answer from U_NEW']);
    const audit = JSON.stringify(await h.store.audit.list(open.programmeId));
    expect(audit).not.toContain('U_OLD');
    expect(audit).toContain('command.remind');
  });

  it('removes inbox copies received before the period, applied or parked, and keeps those still waiting', async () => {
    const copy = (key: string, at: string): InboxEntry => ({
      key,
      orderingKey: `thread:${key}`,
      kind: 'response.posted',
      payload: JSON.stringify({ body: `Answer ${key} from U_OLD` }),
      receivedAt: new Date(at),
      actor: 'slack:U_OLD',
    });
    await h.store.inbox.append([
      copy('old-applied', '2026-12-01T10:00:00Z'),
      copy('old-parked', '2026-12-01T10:00:01Z'),
      copy('old-waiting', '2026-12-01T10:00:02Z'),
      copy('new-applied', '2027-01-20T10:00:00Z'),
    ]);
    const [a, p, , n] = await h.store.inbox.claim('w', new Date('2027-01-21T00:00:00Z'), 60_000, 10);
    await h.store.inbox.markApplied(a?.id as number, 'w', 'recorded', new Date('2027-01-21T00:00:00Z'));
    await h.store.inbox.park(p?.id as number, 'w', 'TypeError: Answer old-parked from U_OLD');
    await h.store.inbox.markApplied(n?.id as number, 'w', 'recorded', new Date('2027-01-21T00:00:00Z'));
    const programme = await h.store.programmes.findById(h.question('q-open').programmeId);
    if (!programme) throw new Error('fixture');

    h.clock.set('2027-02-01T00:00:00Z');
    const purged = await purgeExpired(h.deps, programme, new Date('2027-01-02T00:00:00Z'));
    expect(purged.inboxEvents).toBe(2);
    expect(describePurge(purged, 30)).toContain('2 copied event(s) in the inbox');
    const left = async (status: 'pending' | 'applied' | 'parked') =>
      (await h.store.inbox.list(status, 100)).map((e) => e.key);
    expect(await left('pending')).toEqual(['old-waiting']);
    expect(await left('applied')).toEqual(['new-applied']);
    expect(await left('parked')).toEqual([]);
  });
});
