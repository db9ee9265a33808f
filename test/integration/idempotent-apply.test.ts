import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { applyEvent } from '../../src/core/inbound/apply-event.ts';
import {
  fromInboxEntry,
  type InboundEvent,
  questionOrder,
  threadOrder,
  toInboxEntry,
} from '../../src/core/inbound/inbound-event.ts';
import { coreHarness } from '../support/core-harness.ts';
import { slackThreadReply } from '../support/inbound-events.ts';

/**
 * A crash between applying an event and marking it applied means it is applied again after restart. For every
 * inbound kind, applying the same inbox entry twice leaves one effect in the real SQLite store.
 */
describe('applying the same inbox entry twice', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let thread: string;
  beforeEach(async () => {
    h = await coreHarness({ statement_approval: true });
    for (const key of ['q-open', 'q-single', 'q-statements']) await openQuestion(h.deps, h.question(key).id);
    thread = h.platform.posted.find((p) => p.card.questionId === h.question('q-open').id)?.ref.threadRef as string;
  });
  afterEach(async () => h.close());

  /** Applies the event as the applier does, from its inbox row, twice. */
  const twice = async (event: InboundEvent) => {
    const entry = toInboxEntry(event, h.clock.now());
    const first = await applyEvent(h.deps, fromInboxEntry(entry));
    const second = await applyEvent(h.deps, fromInboxEntry(entry));
    return [first.outcome, second.outcome];
  };
  const db = () => h.store.db;
  const envelope = { platform: 'slack' as const, notice: { platformUserId: 'U1', workspaceId: 'T1' } };
  const reply = (ts: string): InboundEvent =>
    slackThreadReply({
      thread,
      ts,
      author: h.person('U1'),
      body: 'Fewer meetings',
      at: h.clock.now(),
      notice: envelope.notice,
    });

  it('response.posted: one response', async () => {
    expect(await twice(reply('1.1'))).toEqual(['recorded', 'duplicate']);
    expect(await db().response.count()).toBe(1);
  });

  it('response.edited: one revision', async () => {
    await twice(reply('1.1'));
    const edit: InboundEvent = {
      ...envelope,
      kind: 'response.edited',
      key: 'slack:T1:C_STAFF:1.1:edit:2.0',
      orderingKey: threadOrder(thread),
      payload: {
        messageRef: 'slack:T1:C_STAFF:1.1',
        body: 'Fewer, shorter meetings',
        idempotencyKey: 'e1',
        at: h.clock.now(),
      },
    };
    expect(await twice(edit)).toEqual(['revised', 'duplicate']);
    expect(await db().responseRevision.count()).toBe(1);
    expect((await db().response.findFirst())?.body).toBe('Fewer, shorter meetings');
  });

  it('response.deleted: deleted once, at the first deletion', async () => {
    await twice(reply('1.1'));
    const at = h.clock.now();
    const deletion: InboundEvent = {
      ...envelope,
      kind: 'response.deleted',
      key: 'slack:T1:C_STAFF:1.1:deleted',
      orderingKey: threadOrder(thread),
      payload: { messageRef: 'slack:T1:C_STAFF:1.1', at },
    };
    const entry = toInboxEntry(deletion, at);
    await applyEvent(h.deps, fromInboxEntry(entry));
    h.clock.advance(60_000);
    await applyEvent(h.deps, fromInboxEntry(entry));
    expect(await db().response.count()).toBe(1);
    expect((await db().response.findFirst())?.deletedAt).toEqual(at);
  });

  it('answer.private: one private answer', async () => {
    const answer: InboundEvent = {
      ...envelope,
      kind: 'answer.private',
      key: 'slack:view:V1',
      orderingKey: questionOrder(h.question('q-open').id),
      payload: {
        questionId: h.question('q-open').id,
        author: h.person('U1'),
        body: 'Only for organisers',
        idempotencyKey: 'slack:view:V1',
        at: h.clock.now(),
      },
    };
    expect(await twice(answer)).toEqual(['recorded', 'duplicate']);
    expect(await db().response.count({ where: { private: true } })).toBe(1);
  });

  it('vote.cast: one vote and one change in its history', async () => {
    const single = h.question('q-single');
    const [yes] = await h.store.questions.options(single.id);
    const vote: InboundEvent = {
      ...envelope,
      kind: 'vote.cast',
      key: 'slack:action:A1',
      orderingKey: questionOrder(single.id),
      payload: {
        questionId: single.id,
        author: h.person('U1'),
        subject: '',
        choice: [yes?.key as string],
        idempotencyKey: 'slack:action:A1',
        at: h.clock.now(),
      },
    };
    expect(await twice(vote)).toEqual(['recorded', 'duplicate']);
    expect(await db().vote.count()).toBe(1);
    expect(await db().voteChange.count()).toBe(1);
  });

  it('statement.added and statement.reviewed: one statement, approved once, one audit entry each', async () => {
    const question = h.question('q-statements');
    const before = await db().pollOption.count({ where: { questionId: question.id } });
    const added: InboundEvent = {
      ...envelope,
      kind: 'statement.added',
      key: 'slack:view:S1',
      orderingKey: questionOrder(question.id),
      payload: {
        questionId: question.id,
        author: h.person('U1'),
        authorIsOrganiser: false,
        text: 'Cover is shared fairly',
        at: h.clock.now(),
      },
    };
    const [first] = await twice(added);
    expect(first).toBe('statement:pending');
    expect(await db().pollOption.count({ where: { questionId: question.id } })).toBe(before + 1);
    const statement = await db().pollOption.findFirstOrThrow({ where: { label: 'Cover is shared fairly' } });
    const reviewed: InboundEvent = {
      ...envelope,
      kind: 'statement.reviewed',
      key: 'slack:action:R1',
      orderingKey: questionOrder(question.id),
      payload: {
        questionId: question.id,
        statementId: statement.id,
        decision: 'approve',
        reviewer: h.person('U_ORG'),
        reviewerIsOrganiser: true,
        at: h.clock.now(),
      },
    };
    expect((await twice(reviewed))[0]).toBe('statement:approved');
    expect((await db().pollOption.findUniqueOrThrow({ where: { id: statement.id } })).status).toBe('approved');
    expect(await db().auditEvent.count({ where: { action: 'statement.added' } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: 'statement.approved' } })).toBe(1);
    // The author counts as agreeing with their own statement, once.
    expect(await db().vote.count({ where: { subject: statement.key } })).toBe(1);
    expect(await db().voteChange.count()).toBe(1);
  });
});
