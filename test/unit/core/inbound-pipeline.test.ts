import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { PrismaQuestionRepository } from '../../../adapters/prisma/question-repository.ts';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import { type InboundEvent, questionOrder, threadOrder } from '../../../src/core/inbound/inbound-event.ts';
import { InboundPipeline } from '../../../src/core/inbound/pipeline.ts';
import type { ChatPlatform } from '../../../src/core/ports/chat-platform.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import { inboxContract } from '../../contract/inbox-contract.ts';
import { eventually } from '../../contract/platform-suite.ts';
import { InMemoryInbox } from '../../fakes/in-memory-inbox.ts';
import { coreHarness } from '../../support/core-harness.ts';
import { slackThreadReply } from '../../support/inbound-events.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';

describe('the inbound pipeline', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  let inbox: InMemoryInbox;
  let pipeline: InboundPipeline;
  let thread: string;

  const make = (tuning = {}) =>
    new InboundPipeline({
      inbox,
      deps: h.deps,
      worker: 'test',
      tuning: { refreshDelayMs: 5, pollMs: 10, waitForEarlierMs: 60_000, maxAttempts: 2, ...tuning },
    });

  beforeEach(async () => {
    h = await coreHarness();
    inbox = new InMemoryInbox();
    await openQuestion(h.deps, h.question('q-open').id);
    thread = h.platform.posted[0]?.ref.threadRef as string;
    pipeline = make();
  });
  afterEach(async () => {
    await pipeline.stop();
    await h.close();
  });

  const notice = (user: string) => ({ platformUserId: user, workspaceId: 'T1' });
  const reply = (ts: string, user: string, body: string): InboundEvent =>
    slackThreadReply({ thread, ts, author: h.person(user), body, at: h.clock.now(), notice: notice(user) });
  const edit = (ts: string, body: string, editedAt: string): InboundEvent => ({
    kind: 'response.edited',
    platform: 'slack',
    key: `slack:T1:C_STAFF:${ts}:edit:${editedAt}`,
    orderingKey: threadOrder(thread),
    notice: null,
    payload: {
      messageRef: `slack:T1:C_STAFF:${ts}`,
      body,
      idempotencyKey: `slack:T1:C_STAFF:${ts}:edit:${editedAt}`,
      at: h.clock.now(),
    },
  });

  /** A vote on a question whose lookup throws a bug (not a user mistake), in and out of transactions, until fixed. */
  const voteHittingABug = (questionId: string, user: string) => {
    const key = `slack:vote:${questionId}`;
    const vote: InboundEvent = {
      kind: 'vote.cast',
      platform: 'slack',
      key,
      orderingKey: questionOrder(questionId),
      notice: null,
      payload: {
        questionId,
        author: h.person(user),
        subject: '',
        choice: ['yes'],
        idempotencyKey: key,
        at: h.clock.now(),
      },
    };
    const original = PrismaQuestionRepository.prototype.findById;
    PrismaQuestionRepository.prototype.findById = async function (this: PrismaQuestionRepository, id: string) {
      if (id === questionId) throw new TypeError('a bug in the vote path');
      return original.call(this, id);
    };
    const fix = () => {
      PrismaQuestionRepository.prototype.findById = original;
    };
    onTestFinished(fix);
    return { vote, fix };
  };

  it('commits every event that arrived during a commit in the next one, and answers each only after its commit', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let opened: () => void = () => {};
    const firstOpen = new Promise<void>((resolve) => {
      opened = resolve;
    });
    let first = true;
    inbox.beforeCommit = async () => {
      if (first) {
        first = false;
        opened();
        await held;
      }
    };
    const answered: string[] = [];
    const submit = (i: number) =>
      pipeline.submit(reply(`1.${i + 1}`, `U${i}`, `reply ${i}`)).then((r) => {
        answered.push(r);
        return r;
      });
    const submissions = [submit(0)];
    await firstOpen;
    for (let i = 1; i < 40; i++) submissions.push(submit(i));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toEqual([]);
    release();
    expect(await Promise.all(submissions)).toEqual(Array(40).fill('stored'));
    expect(inbox.commits).toEqual([1, 39]);
  });

  it('commits together the events submitted in one turn of the event loop', async () => {
    const submissions = Array.from({ length: 10 }, (_, i) => pipeline.submit(reply(`1.${i + 1}`, `U${i}`, `r${i}`)));
    expect(await Promise.all(submissions)).toEqual(Array(10).fill('stored'));
    expect(inbox.commits).toEqual([10]);
  });

  it('commits an event that arrives while a batch is applied before the next batch is claimed', async () => {
    pipeline = make({ batch: 1 });
    await pipeline.submit(reply('1.1', 'U1', 'first'));
    await pipeline.submit(reply('1.2', 'U2', 'second'));
    const order: string[] = [];
    const gate = () => {
      let open: () => void = () => {};
      const shut = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { shut, open };
    };
    const firstClaimed = gate();
    const applierHeld = gate();
    const commitOpen = gate();
    const commitHeld = gate();
    const claim = inbox.claim.bind(inbox);
    inbox.claim = async (...args) => {
      const claimed = await claim(...args);
      if (claimed.length === 0) return claimed;
      order.push(`claim ${claimed.map((r) => r.key.split(':').at(-1)).join(',')}`);
      if (order.length === 1) {
        firstClaimed.open();
        await applierHeld.shut;
      }
      return claimed;
    };
    inbox.beforeCommit = async () => {
      commitOpen.open();
      await commitHeld.shut;
    };
    const started = pipeline.start();
    // The applier is busy with its first batch when the third event arrives; its commit is held open.
    await firstClaimed.shut;
    const third = pipeline.submit(reply('1.3', 'U3', 'third')).then((result) => {
      order.push('commit 1.3');
      return result;
    });
    await commitOpen.shut;
    applierHeld.open();
    await eventually(async () => expect(pipeline.stats().applied).toBe(1));
    commitHeld.open();
    expect(await third).toBe('stored');
    await started;
    await eventually(async () => expect(pipeline.stats().applied).toBe(3));
    expect(order).toEqual(['claim 1.1', 'commit 1.3', 'claim 1.2', 'claim 1.3']);
  });

  it('keeps its batches growing while no commit waits behind them, however long a batch took', async () => {
    for (let i = 0; i < 40; i++) await pipeline.submit(reply(`2.${i}`, `U${i}`, `reply ${i}`));
    const asked: number[] = [];
    const claim = inbox.claim.bind(inbox);
    inbox.claim = async (worker, now, leaseMs, limit) => {
      asked.push(limit);
      return claim(worker, now, leaseMs, limit);
    };
    // Every batch is slow, as when another process takes the CPU: well over the 10 ms a batch aims at.
    const transaction = h.store.transaction.bind(h.store);
    h.store.transaction = <T>(work: (tx: Store) => Promise<T>) =>
      transaction(async (tx) => {
        const done = await work(tx);
        await new Promise((resolve) => setTimeout(resolve, 30));
        return done;
      });
    await pipeline.drain();
    expect(pipeline.stats().applied).toBe(40);
    expect(asked.slice(0, 3)).toEqual([10, 20, 40]);
  });

  it('names new authors before their batch opens its transaction, and stores them with those names', async () => {
    let open = 0;
    const asked: { user: string; duringTransaction: boolean }[] = [];
    const transaction = h.store.transaction.bind(h.store);
    h.store.transaction = <T>(work: (tx: Store) => Promise<T>) => {
      open++;
      return transaction(work).finally(() => open--);
    };
    // Slack delivers a reply without its author's name; the platform's directory is asked once it is kept.
    (h.platform as ChatPlatform).nameOf = async ({ platformUserId }) => {
      asked.push({ user: platformUserId, duringTransaction: open > 0 });
      // U34 is someone Slack cannot name (users.info failed): asked once, stored by their id.
      return platformUserId === 'U34' ? null : `Named ${platformUserId}`;
    };
    const unnamed = (ts: string, user: string): InboundEvent =>
      slackThreadReply({
        thread,
        ts,
        author: { platform: 'slack', platformUserId: user, displayName: '' },
        body: `reply from ${user}`,
        at: h.clock.now(),
        notice: notice(user),
      });
    for (const [ts, user] of [
      ['3.1', 'U31'],
      ['3.2', 'U32'],
      ['3.3', 'U33'],
      ['3.4', 'U34'],
    ] as const)
      await pipeline.submit(unnamed(ts, user));
    await pipeline.drain();
    expect(asked.map((a) => a.user).sort()).toEqual(['U31', 'U32', 'U33', 'U34']);
    expect(asked.filter((a) => a.duringTransaction)).toEqual([]);
    for (const user of ['U31', 'U32', 'U33'])
      expect((await h.store.participants.find('slack', user))?.displayName).toBe(`Named ${user}`);
    expect((await h.store.participants.find('slack', 'U34'))?.displayName).toBe('U34');
  });

  it('answers a redelivery as a duplicate and applies, thanks and counts the reply once', async () => {
    expect(await pipeline.submit(reply('1.1', 'U1', 'Fewer meetings'))).toBe('stored');
    expect(await pipeline.submit(reply('1.1', 'U1', 'Fewer meetings'))).toBe('duplicate');
    await pipeline.drain();
    expect(await h.store.responses.listByQuestion(h.question('q-open').id)).toHaveLength(1);
    expect(h.platform.privateMessages.map((m) => m.text)).toEqual([expect.stringContaining('Thank you')]);
    await pipeline.stop();
    // The card's "responses so far" line follows the reply, on the platform that shows the question.
    expect(h.platform.updates.at(-1)?.card.responses).toBe(1);
  });

  it('refuses (rejects) a submission the inbox could not write, so the platform is not told "received"', async () => {
    inbox.failAppends = 1;
    await expect(pipeline.submit(reply('1.1', 'U1', 'lost?'))).rejects.toThrow(/terminating connection/);
    expect(inbox.rows).toHaveLength(0);
    expect(await pipeline.submit(reply('1.1', 'U1', 'lost?'))).toBe('stored');
  });

  it('applies on start what an earlier run left in the inbox', async () => {
    const earlier = make();
    await earlier.submit(reply('1.1', 'U1', 'before the crash'));
    // No apply: the process "died" here.
    await pipeline.start();
    const responses = await h.store.responses.listByQuestion(h.question('q-open').id);
    expect(responses.map((r) => r.body)).toEqual(['before the crash']);
    expect((await inbox.counts()).pending).toBe(0);
  });

  it('gives back at start what a dead process had claimed, and applies it at once rather than after its lease', async () => {
    await pipeline.submit(reply('1.1', 'U1', 'claimed, then killed'));
    await pipeline.submit(reply('1.2', 'U2', 'waiting behind it'));
    // A process that claimed both (a lease of a minute) and was killed before applying them.
    expect(await inbox.claim('dead-process', h.clock.now(), 60_000, 10)).toHaveLength(2);
    const restarted = new InboundPipeline({
      inbox,
      deps: h.deps,
      worker: 'test-restarted',
      isDeadWorker: (worker) => worker === 'dead-process',
      tuning: { refreshDelayMs: 5, pollMs: 10 },
    });
    try {
      await restarted.start();
      const responses = await h.store.responses.listByQuestion(h.question('q-open').id);
      expect(responses.map((r) => r.body)).toEqual(['claimed, then killed', 'waiting behind it']);
      expect((await inbox.counts()).pending).toBe(0);
    } finally {
      await restarted.stop();
    }
  });

  it('leaves the leases of a live process alone at start', async () => {
    await pipeline.submit(reply('1.1', 'U1', 'claimed by a live replica'));
    expect(await inbox.claim('live-replica', h.clock.now(), 60_000, 10)).toHaveLength(1);
    const other = new InboundPipeline({ inbox, deps: h.deps, worker: 'other', isDeadWorker: () => false });
    try {
      await other.start();
      expect(await h.store.responses.listByQuestion(h.question('q-open').id)).toEqual([]);
    } finally {
      await other.stop();
    }
  });

  it('holds an edit that arrived before its message until the message is applied', async () => {
    await pipeline.submit(edit('1.1', 'Fewer meetings, and shorter', '5.0'));
    await pipeline.drain();
    expect(inbox.rows[0]?.status).toBe('pending');
    await pipeline.submit(reply('1.1', 'U1', 'Fewer meetings'));
    // Applied with its message when both are claimed together, or else at its next try (at most 10 s later).
    h.clock.advance(1000);
    await pipeline.drain();
    h.clock.advance(10_000);
    await pipeline.drain();
    const [response] = await h.store.responses.listByQuestion(h.question('q-open').id);
    expect(response?.body).toBe('Fewer meetings, and shorter');
    expect(inbox.rows.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('reports and sets aside an edit whose message never comes, after the wait', async () => {
    await pipeline.submit(edit('9.9', 'never posted', '5.0'));
    await pipeline.drain();
    h.clock.advance(61_000);
    await pipeline.drain();
    expect(inbox.rows[0]).toMatchObject({ status: 'applied', outcome: 'unknown' });
    expect(pipeline.stats().unmatched).toBe(1);
  });

  it('parks a poison event with its error, applies the others, and applies it when retried after a fix', async () => {
    const { vote, fix } = voteHittingABug('no-such-question', 'U1');
    await pipeline.submit(vote);
    await pipeline.submit(reply('1.1', 'U1', 'still recorded'));
    for (let i = 0; i < 3; i++) {
      await pipeline.drain();
      h.clock.advance(10_000);
    }
    expect(inbox.rows.map((r) => r.status)).toEqual(['parked', 'applied']);
    expect(inbox.rows[0]?.lastError).toContain('a bug in the vote path');
    expect(pipeline.stats().parked).toBe(1);
    fix();
    expect(await inbox.retryParked(h.clock.now())).toBe(1);
    await pipeline.drain();
    // Fixed: the vote is now refused as a user mistake (no such poll), told to nobody, and no longer parked.
    expect(inbox.rows[0]).toMatchObject({ status: 'applied', outcome: 'refused:QUESTION_NOT_FOUND' });
  });

  it('applies a reply and its edit claimed in one batch, in one transaction, keeping the edit', async () => {
    const logger = new RecordingLogger();
    await pipeline.stop();
    pipeline = new InboundPipeline({ inbox, deps: { ...h.deps, logger }, worker: 'test', tuning: { pollMs: 10 } });
    await pipeline.submit(reply('1.1', 'U1', 'Fewer meetings'));
    await pipeline.submit(edit('1.1', 'Fewer meetings, and shorter', '5.0'));
    await pipeline.submit(reply('1.2', 'U2', 'More planning time'));
    await pipeline.drain();
    const responses = await h.store.responses.listByQuestion(h.question('q-open').id);
    expect(responses.map((r) => r.body)).toEqual(['Fewer meetings, and shorter', 'More planning time']);
    expect(await h.store.responses.revisions(responses[0]?.id as string)).toHaveLength(1);
    expect(inbox.rows.map((r) => r.outcome)).toEqual(['recorded', 'revised', 'recorded']);
    expect(logger.lines.map((l) => l.message)).not.toContainEqual(expect.stringContaining('one by one'));
  });

  it('applies the rest of a batch that holds a poison event, and parks only the poison', async () => {
    const poison: InboundEvent = { ...reply('1.9', 'U9', 'malformed'), key: 'slack:poison' };
    (poison.payload as { author: unknown }).author = null;
    await pipeline.submit(reply('1.1', 'U1', 'first'));
    await pipeline.submit(poison);
    await pipeline.submit(reply('1.2', 'U2', 'second'));
    for (let i = 0; i < 3; i++) {
      await pipeline.drain();
      h.clock.advance(10_000);
    }
    const responses = await h.store.responses.listByQuestion(h.question('q-open').id);
    expect(responses.map((r) => r.body)).toEqual(['first', 'second']);
    expect(inbox.rows.map((r) => r.status)).toEqual(['applied', 'parked', 'applied']);
    expect(h.platform.privateMessages.filter((m) => m.text.includes('Thank you'))).toHaveLength(2);
  });

  it('puts a statement to the organisers once, after its batch was rolled back and applied again one by one', async () => {
    await pipeline.stop();
    await h.close();
    h = await coreHarness({ statement_approval: true });
    pipeline = make();
    const question = h.question('q-statements');
    await openQuestion(h.deps, question.id);
    const statement: InboundEvent = {
      kind: 'statement.added',
      platform: 'slack',
      key: 'slack:statement:1',
      orderingKey: questionOrder(question.id),
      notice: notice('U1'),
      payload: {
        questionId: question.id,
        author: h.person('U1'),
        authorIsOrganiser: false,
        text: 'Planning time should be protected',
        at: h.clock.now(),
      },
    };
    // Applied after the statement in the same batch, a bug in the vote path rolls the whole batch back.
    const { vote: poison } = voteHittingABug('buggy-question', 'U2');
    await pipeline.submit(statement);
    await pipeline.submit(poison);
    for (let i = 0; i < 3; i++) {
      await pipeline.drain();
      h.clock.advance(10_000);
    }
    expect(inbox.rows.map((r) => r.status)).toEqual(['applied', 'parked']);
    expect(h.platform.reviews.map((r) => r.review.text)).toEqual(['Planning time should be protected']);
    expect(await h.store.questions.reviewCards(h.platform.reviews[0]?.review.statementId as string)).toHaveLength(1);
  });

  it('applies a redelivered batch (applied, then given back before it was marked) without a second effect', async () => {
    await pipeline.submit(reply('1.1', 'U1', 'once'));
    await pipeline.submit(reply('1.2', 'U2', 'twice?'));
    const original = inbox.markAllApplied.bind(inbox);
    inbox.markAllApplied = async () => {
      throw Object.assign(new Error('Connection ended'), { code: 'ECONNRESET' });
    };
    await expect(pipeline.drain()).rejects.toThrow(/marking a batch/);
    inbox.markAllApplied = original;
    await pipeline.drain();
    expect(await h.store.responses.listByQuestion(h.question('q-open').id)).toHaveLength(2);
    expect(inbox.rows.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
  });

  it('keeps applying, with back-off, when the inbox cannot be read for a while', async () => {
    await pipeline.submit(reply('1.1', 'U1', 'applied once the store is back'));
    inbox.failClaims = 3;
    await pipeline.start();
    for (let i = 0; i < 200 && inbox.rows.some((r) => r.status !== 'applied'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inbox.rows.map((r) => r.status)).toEqual(['applied']);
    expect(inbox.failClaims).toBe(0);
  });
});

describe('the in-process inbox used above keeps the inbox contract', () => {
  let inbox = new InMemoryInbox();
  beforeEach(() => {
    inbox = new InMemoryInbox();
  });
  inboxContract(() => inbox);
});
