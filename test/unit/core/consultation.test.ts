import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { castVote } from '../../../src/core/consultation/cast-vote.ts';
import { closeQuestion } from '../../../src/core/consultation/close-question.ts';
import { listNonRespondents } from '../../../src/core/consultation/non-respondents.ts';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import {
  recordDeletion,
  recordEdit,
  recordPrivateAnswer,
  recordResponse,
} from '../../../src/core/consultation/record-response.ts';
import { coreHarness } from '../../support/core-harness.ts';

describe('running a consultation through the core', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  beforeEach(async () => {
    h = await coreHarness();
  });
  afterEach(async () => h.close());

  const reply = (thread: string, ts: string, user: string, body: string, replyToRef: string | null = null) => ({
    platform: 'slack' as const,
    containerRef: thread,
    messageRef: `slack:T1:C_STAFF:${ts}`,
    author: h.person(user),
    body,
    replyToRef,
    attachments: [],
    idempotencyKey: `slack:T1:C_STAFF:${ts}`,
    at: h.clock.now(),
  });

  it('opens a question once per channel, even when opened again after a failure midway', async () => {
    const q = h.question('q-open');
    const first = await openQuestion(h.deps, q.id);
    expect(first.posted).toEqual(['slack:T1/C_STAFF']);
    const again = await openQuestion(h.deps, q.id);
    expect(again.posted).toEqual([]);
    expect(again.alreadyPosted).toEqual(['slack:T1/C_STAFF']);
    expect(h.platform.posted).toHaveLength(1);
    expect(h.platform.posted[0]?.card.prompt).toBe('What would most reduce your workload?');
  });

  it('records a threaded reply once, keeps reply chains, edits as revisions and deletions for the audit', async () => {
    const q = h.question('q-open');
    await openQuestion(h.deps, q.id);
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    const first = await recordResponse(h.deps, reply(thread, '1.1', 'U1', 'Fewer meetings'));
    expect(first.status).toBe('recorded');
    expect(first.status === 'recorded' && first.firstResponseToQuestion).toBe(true);
    expect((await recordResponse(h.deps, reply(thread, '1.1', 'U1', 'Fewer meetings'))).status).toBe('duplicate');
    const answer = await recordResponse(
      h.deps,
      reply(thread, '1.2', 'U2', 'But meetings help', 'slack:T1:C_STAFF:1.1'),
    );
    expect(answer.status === 'recorded' && answer.response.replyToId).toBe(
      first.status === 'recorded' && first.response.id,
    );
    expect(
      await recordEdit(h.deps, {
        messageRef: 'slack:T1:C_STAFF:1.1',
        body: 'Far fewer meetings',
        idempotencyKey: 'e1',
        at: h.clock.now(),
      }),
    ).toBe('revised');
    expect(
      await recordEdit(h.deps, {
        messageRef: 'slack:T1:C_STAFF:1.1',
        body: 'Far fewer meetings',
        idempotencyKey: 'e1',
        at: h.clock.now(),
      }),
    ).toBe('duplicate');
    expect(await recordDeletion(h.deps, { messageRef: 'slack:T1:C_STAFF:1.2', at: h.clock.now() })).toBe('deleted');
    const live = await h.store.responses.listByQuestion(q.id);
    expect(live.map((r) => r.body)).toEqual(['Far fewer meetings']);
    expect(await h.store.responses.listByQuestion(q.id, { includeDeleted: true })).toHaveLength(2);
  });

  it('ignores messages outside question threads and empty messages', async () => {
    expect((await recordResponse(h.deps, reply('slack:T1:C_STAFF:999', '2.1', 'U1', 'hello'))).status).toBe(
      'not_a_response',
    );
    const q = h.question('q-open');
    await openQuestion(h.deps, q.id);
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    expect((await recordResponse(h.deps, reply(thread, '2.2', 'U1', '   '))).status).toBe('not_a_response');
  });

  it('stores a private answer apart from the thread and refuses an empty one', async () => {
    const q = h.question('q-open');
    await openQuestion(h.deps, q.id);
    const outcome = await recordPrivateAnswer(h.deps, {
      questionId: q.id,
      author: h.person('U3'),
      body: 'Privately: too much data entry',
      idempotencyKey: 'view-1',
      at: h.clock.now(),
    });
    expect(outcome.status === 'recorded' && outcome.response.private).toBe(true);
    await expect(
      recordPrivateAnswer(h.deps, {
        questionId: q.id,
        author: h.person('U3'),
        body: ' ',
        idempotencyKey: 'view-2',
        at: h.clock.now(),
      }),
    ).rejects.toMatchObject({ code: 'RESPONSE_EMPTY' });
  });

  it('casts and changes a vote, refuses a second choice on a single-choice poll, and refuses votes once closed', async () => {
    const q = h.question('q-single');
    await openQuestion(h.deps, q.id);
    const vote = (choice: string[] | null, key: string) =>
      castVote(h.deps, {
        questionId: q.id,
        author: h.person('U1'),
        subject: '',
        choice,
        idempotencyKey: key,
        at: h.clock.now(),
      });
    await vote(['yes'], 'a1');
    await vote(['no'], 'a2');
    await expect(vote(['yes', 'no'], 'a3')).rejects.toMatchObject({ code: 'SINGLE_CHOICE_ONLY' });
    await expect(vote(['maybe'], 'a4')).rejects.toMatchObject({ code: 'CHOICE_INVALID' });
    expect((await h.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['no']]);
    await closeQuestion(h.deps, q.id);
    await expect(vote(['yes'], 'a5')).rejects.toMatchObject({ code: 'POLL_CLOSED' });
    expect((await h.store.votes.listByQuestion(q.id)).map((v) => v.choice)).toEqual([['no']]);
    const shown = h.platform.updates.at(-1)?.card;
    expect(shown?.status).toBe('closed');
    expect(shown?.tally?.find((t) => t.key === 'no')?.count).toBe(1);
  });

  it('hides results until close when the question says so', async () => {
    const q = h.question('q-likert');
    await openQuestion(h.deps, q.id);
    await castVote(h.deps, {
      questionId: q.id,
      author: h.person('U1'),
      subject: 'clear-goals',
      choice: ['3'],
      idempotencyKey: 'l1',
      at: h.clock.now(),
    });
    expect(h.platform.posted[0]?.card.tally).toBeNull();
    await closeQuestion(h.deps, q.id);
    expect(h.platform.updates.at(-1)?.card.tally?.[0]?.count).toBe(1);
  });

  it('lists who has not yet answered a question', async () => {
    const open = h.question('q-open');
    const poll = h.question('q-single');
    await openQuestion(h.deps, open.id);
    await openQuestion(h.deps, poll.id);
    const thread = h.platform.posted[0]?.ref.threadRef as string;
    await recordResponse(h.deps, reply(thread, '3.1', 'U1', 'An answer'));
    await castVote(h.deps, {
      questionId: poll.id,
      author: h.person('U2'),
      subject: '',
      choice: ['yes'],
      idempotencyKey: 'p1',
      at: h.clock.now(),
    });
    expect((await listNonRespondents(h.store, open.id)).map((p) => p.platformUserId)).toEqual(['U2']);
    expect((await listNonRespondents(h.store, poll.id)).map((p) => p.platformUserId)).toEqual(['U1']);
  });
});
