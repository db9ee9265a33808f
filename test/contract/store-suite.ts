import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { recordResponse } from '../../src/core/consultation/record-response.ts';
import { systemClock } from '../../src/core/ports/clock.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import {
  RESPONSE_BEFORE_WEEK,
  RESPONSE_IN_WEEK,
  RESPONSE_POSTING,
  RESPONSE_SINCE_LAST,
} from '../../src/core/ports/reporting.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { TestDatabase } from '../support/databases.ts';
import { programmeDefinition, slackDirectory } from '../support/programme-fixture.ts';
import { inboxContract } from './inbox-contract.ts';
import { readersAndRosterCases } from './readers-and-roster-cases.ts';
import { runningTotalsCases } from './running-totals-cases.ts';

/** The behaviour every store must have, whatever database is behind it. */
/** When the suite's statements are written: the store keeps the time it is given, not its own. */
const AT = new Date('2026-12-01T10:00:00Z');

export function storeSuite(create: () => Promise<TestDatabase>): void {
  let database: TestDatabase;
  let store: Store;

  beforeEach(async () => {
    database = await create();
    store = await openStore(database.url);
  });

  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  const targets = () =>
    programmeDefinition().channels.flatMap(({ placeholder }) =>
      slackDirectory(placeholder).map((a) => ({ ...a, placeholder })),
    );

  async function loaded() {
    await store.programmes.save(programmeDefinition(), 'hash-1', targets());
    const programme = await store.programmes.findBySlug('staff-voice');
    if (!programme) throw new Error('not saved');
    const questions = await store.questions.listByProgramme(programme.id);
    const byKey = (key: string) => questions.find((q) => q.key === key) as (typeof questions)[number];
    return { programme, byKey };
  }

  async function participant(id = 'U1') {
    return store.participants.upsert({ platform: 'slack', platformUserId: id, displayName: `Person ${id}` });
  }

  it('saves a programme with its sections, questions, options and channel targets', async () => {
    const { programme, byKey } = await loaded();
    expect(programme.title).toBe('Staff voice');
    expect((await store.programmes.sections(programme.id)).map((s) => s.key)).toEqual(['workload']);
    expect(byKey('q-single').kind).toBe('single_choice');
    expect((await store.questions.options(byKey('q-single').id)).map((o) => o.label)).toEqual(['Yes', 'No', 'Unsure']);
    expect(byKey('q-likert').config.scale).toHaveLength(5);
    expect(byKey('q-open').reminders).toHaveLength(1);
    expect((await store.channels.targets(programme.id)).map((t) => t.placeholder).sort()).toEqual([
      'organisers',
      'staffroom',
    ]);
  });

  it('remembers when each person was last reminded about a question, one row per person', async () => {
    const { byKey } = await loaded();
    const [a, b] = [await participant('U1'), await participant('U2')];
    const q = byKey('q-open').id;
    expect(await store.participants.lastReminded(q)).toEqual(new Map());
    await store.participants.recordReminded(q, [a.id, b.id], new Date('2026-12-01T10:00:00Z'));
    await store.participants.recordReminded(q, [a.id], new Date('2026-12-02T10:00:00Z'));
    expect(await store.participants.lastReminded(q)).toEqual(
      new Map([
        [a.id, new Date('2026-12-02T10:00:00Z')],
        [b.id, new Date('2026-12-01T10:00:00Z')],
      ]),
    );
    expect(await store.participants.lastReminded(byKey('q-single').id)).toEqual(new Map());
  });

  it('saving the same programme twice changes nothing and duplicates nothing', async () => {
    await loaded();
    const second = await store.programmes.save(programmeDefinition(), 'hash-1', targets());
    expect(second).toEqual({ programme: 'unchanged', questionsAdded: [], questionsUpdated: [], questionsArchived: [] });
    const programme = await store.programmes.findBySlug('staff-voice');
    expect(await store.questions.listByProgramme(programme?.id as string)).toHaveLength(6);
    expect(await store.channels.targets(programme?.id as string)).toHaveLength(2);
  });

  it('keeps a question identity, and its responses, when the file is edited', async () => {
    const { byKey } = await loaded();
    const person = await participant();
    await store.responses.record({
      questionId: byKey('q-open').id,
      postingId: null,
      participantId: person.id,
      body: 'Fewer meetings',
      private: false,
      messageRef: 'slack:T1:C1:1.1',
      replyToId: null,
      attachments: [],
      idempotencyKey: 'ev-1',
      createdAt: new Date(),
    });
    const edited = programmeDefinition({ title: 'Staff voice 2027' });
    const changes = await store.programmes.save(edited, 'hash-2', targets());
    expect(changes.programme).toBe('updated');
    const again = await store.questions.findById(byKey('q-open').id);
    expect(again?.key).toBe('q-open');
    expect(await store.questions.countResponses(byKey('q-open').id)).toBe(1);
  });

  it('records a response once per idempotency key, with revisions and soft deletion', async () => {
    const { byKey } = await loaded();
    const person = await participant();
    const input = {
      questionId: byKey('q-open').id,
      postingId: null,
      participantId: person.id,
      body: 'First thought',
      private: false,
      messageRef: 'slack:T1:C1:2.1',
      replyToId: null,
      attachments: [{ name: 'plan.pdf', url: 'https://files.example/plan.pdf' }],
      idempotencyKey: 'ev-2',
      createdAt: new Date('2026-12-02T10:00:00Z'),
    };
    const first = await store.responses.record(input);
    const second = await store.responses.record(input);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.response.id).toBe(first.response.id);
    expect(first.response.attachments).toEqual(input.attachments);
    expect(await store.responses.revise(first.response.id, 'Second thought', 'edit-1', new Date())).toBe(true);
    expect(await store.responses.revise(first.response.id, 'Second thought', 'edit-1', new Date())).toBe(false);
    expect((await store.responses.revisions(first.response.id)).map((r) => r.body)).toEqual(['Second thought']);
    expect((await store.responses.findById(first.response.id))?.body).toBe('Second thought');
    await store.responses.markDeleted(first.response.id, new Date());
    expect(await store.responses.listByQuestion(byKey('q-open').id)).toHaveLength(0);
    expect(await store.responses.listByQuestion(byKey('q-open').id, { includeDeleted: true })).toHaveLength(1);
  });

  it('concurrent deliveries of one event store one response', async () => {
    const { byKey } = await loaded();
    const person = await participant();
    const input = {
      questionId: byKey('q-open').id,
      postingId: null,
      participantId: person.id,
      body: 'Race',
      private: false,
      messageRef: 'slack:T1:C1:3.1',
      replyToId: null,
      attachments: [],
      idempotencyKey: 'ev-race',
      createdAt: new Date(),
    };
    const results = await Promise.all([
      store.responses.record(input),
      store.responses.record(input),
      store.responses.record(input),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await store.responses.listByQuestion(byKey('q-open').id)).toHaveLength(1);
  });

  it('keeps one live vote per participant per poll, and every change', async () => {
    const { byKey } = await loaded();
    const person = await participant();
    const q = byKey('q-single');
    await store.votes.set({
      questionId: q.id,
      participantId: person.id,
      subject: '',
      choice: ['yes'],
      idempotencyKey: 'v1',
      at: new Date(),
    });
    await store.votes.set({
      questionId: q.id,
      participantId: person.id,
      subject: '',
      choice: ['no'],
      idempotencyKey: 'v2',
      at: new Date(),
    });
    const replay = await store.votes.set({
      questionId: q.id,
      participantId: person.id,
      subject: '',
      choice: ['no'],
      idempotencyKey: 'v2',
      at: new Date(),
    });
    expect(replay.changed).toBe(false);
    const votes = await store.votes.listByQuestion(q.id);
    expect(votes).toHaveLength(1);
    expect(votes[0]?.choice).toEqual(['no']);
    await store.votes.set({
      questionId: q.id,
      participantId: person.id,
      subject: '',
      choice: null,
      idempotencyKey: 'v3',
      at: new Date(),
    });
    expect((await store.votes.find(q.id, person.id, ''))?.retractedAt).not.toBeNull();
    // The question's list (read in batches below Prisma) holds exactly what a single read gives, dates included.
    expect(await store.votes.listByQuestion(q.id)).toEqual([await store.votes.find(q.id, person.id, '')]);
    expect(await store.votes.voterIds(q.id)).toEqual([]);
  });

  it('erases a participant for good: responses, revisions, votes, vote history, authorship and the person', async () => {
    const { byKey } = await loaded();
    const person = await participant('U1');
    const other = await participant('U2');
    const open = byKey('q-open');
    const statements = byKey('q-statements');
    const { response } = await store.responses.record({
      questionId: open.id,
      postingId: null,
      participantId: person.id,
      body: 'First words',
      private: false,
      messageRef: 'slack:T1:C1:1.000001',
      replyToId: null,
      attachments: [],
      idempotencyKey: 'e1',
      createdAt: new Date('2026-12-01T10:00:00Z'),
    });
    await store.responses.revise(response.id, 'Second words', 'e1-edit', new Date('2026-12-01T10:05:00Z'));
    const kept = await store.questions.addStatement({
      questionId: statements.id,
      label: 'Others voted on this',
      authorId: person.id,
      status: 'approved',
      createdAt: AT,
    });
    const lonely = await store.questions.addStatement({
      questionId: statements.id,
      label: 'Nobody else did',
      authorId: person.id,
      status: 'approved',
      createdAt: AT,
    });
    for (const [who, subject, key] of [
      [person, kept.key, 'e2'],
      [person, lonely.key, 'e3'],
      [other, kept.key, 'e4'],
    ] as const)
      await store.votes.set({
        questionId: statements.id,
        participantId: who.id,
        subject,
        choice: ['agree'],
        idempotencyKey: key,
        at: new Date(),
      });
    await store.audit.record({ programmeId: null, actor: 'slack:U1', action: 'command.open', detail: { args: ['x'] } });

    const erased = await store.erasure.eraseParticipant(person.id, ['slack:U1']);
    expect(erased).toMatchObject({ responses: 1, votes: 2, statementsRemoved: 1, statementsUnattributed: 1 });
    expect(erased?.texts).toContain('Second words');
    expect(await store.participants.findById(person.id)).toBeNull();
    expect(await store.responses.findById(response.id)).toBeNull();
    expect(await store.votes.listByParticipant(person.id)).toEqual([]);
    const left = await store.questions.options(statements.id);
    expect(left.find((o) => o.key === kept.key)?.authorId).toBeNull();
    expect(left.find((o) => o.key === lonely.key)).toBeUndefined();
    expect(await store.votes.listByParticipant(other.id)).toHaveLength(1);
    expect(JSON.stringify(await store.audit.list(null))).not.toContain('U1');
    expect(await store.erasure.eraseParticipant(person.id, [])).toBeNull();
  });

  it('keeps the reply a statement was proposed from, and forgets the link when that reply is erased', async () => {
    const { byKey } = await loaded();
    const author = await participant('U4');
    const voter = await participant('U5');
    const statements = byKey('q-statements');
    const { response } = await store.responses.record({
      questionId: statements.id,
      postingId: null,
      participantId: author.id,
      body: 'Cover lessons eat planning time. And more.',
      private: false,
      messageRef: 'slack:T1:C1:2.000001',
      replyToId: null,
      attachments: [],
      idempotencyKey: 'source-1',
      createdAt: new Date('2026-12-01T10:00:00Z'),
    });
    const proposed = await store.questions.addStatement({
      questionId: statements.id,
      label: 'Cover lessons eat planning time',
      authorId: author.id,
      status: 'pending',
      sourceId: response.id,
      createdAt: AT,
    });
    expect(proposed.sourceId).toBe(response.id);
    const plain = await store.questions.addStatement({
      questionId: statements.id,
      label: 'Typed in the form',
      authorId: author.id,
      status: 'pending',
      createdAt: AT,
    });
    expect(plain.sourceId).toBeNull();
    await store.questions.setStatementStatus(proposed.id, 'approved');
    const approved = (await store.questions.options(statements.id)).find((o) => o.id === proposed.id);
    expect(approved).toMatchObject({ sourceId: response.id, status: 'approved', createdAt: AT });
    await store.votes.set({
      questionId: statements.id,
      participantId: voter.id,
      subject: proposed.key,
      choice: ['agree'],
      idempotencyKey: 'source-vote',
      at: new Date(),
    });

    await store.erasure.eraseParticipant(author.id, []);
    const left = (await store.questions.options(statements.id)).find((o) => o.id === proposed.id);
    expect(left).toMatchObject({ label: 'Cover lessons eat planning time', authorId: null, sourceId: null });
  });

  it('lists statements by status: approved, with those awaiting approval, or every one (rejected too)', async () => {
    const { byKey } = await loaded();
    const person = await participant('U3');
    const statements = byKey('q-statements');
    const seeded = (await store.questions.options(statements.id)).length;
    await store.questions.addStatement({
      questionId: statements.id,
      label: 'Waiting',
      authorId: person.id,
      status: 'pending',
      createdAt: AT,
    });
    const refused = await store.questions.addStatement({
      questionId: statements.id,
      label: 'Refused',
      authorId: person.id,
      status: 'pending',
      createdAt: AT,
    });
    await store.questions.setStatementStatus(refused.id, 'rejected');
    expect(await store.questions.options(statements.id)).toHaveLength(seeded);
    const pending = await store.questions.options(statements.id, { includePending: true });
    expect(pending.map((o) => o.label)).toContain('Waiting');
    expect(pending.map((o) => o.label)).not.toContain('Refused');
    const every = await store.questions.options(statements.id, { includeRejected: true });
    expect(every).toHaveLength(seeded + 2);
    expect(every.find((o) => o.label === 'Refused')?.status).toBe('rejected');
  });

  it('keeps every review card of a statement, once each, in the order they were posted', async () => {
    const { byKey } = await loaded();
    const person = await participant('U3');
    const statements = byKey('q-statements');
    const waiting = await store.questions.addStatement({
      questionId: statements.id,
      label: 'Waiting for review',
      authorId: person.id,
      status: 'pending',
      createdAt: AT,
    });
    const other = await store.questions.addStatement({
      questionId: statements.id,
      label: 'Another one',
      authorId: person.id,
      status: 'pending',
      createdAt: AT,
    });
    await store.questions.addReviewCard(waiting.id, 'slack:T1:C_ORG:1.000001');
    await store.questions.addReviewCard(waiting.id, 'discord:G1:900:55');
    await store.questions.addReviewCard(waiting.id, 'slack:T1:C_ORG:1.000001');
    await store.questions.addReviewCard(other.id, 'slack:T1:C_ORG:1.000002');
    expect(await store.questions.reviewCards(waiting.id)).toEqual(['slack:T1:C_ORG:1.000001', 'discord:G1:900:55']);
    expect(await store.questions.reviewCards(other.id)).toEqual(['slack:T1:C_ORG:1.000002']);
  });

  it('gives each participant a stable pseudonym and keeps display names current', async () => {
    const first = await participant('U9');
    const again = await store.participants.upsert({ platform: 'slack', platformUserId: 'U9', displayName: 'Renamed' });
    expect(again.id).toBe(first.id);
    expect(again.pseudonym).toBe(first.pseudonym);
    expect(again.displayName).toBe('Renamed');
    expect(first.pseudonym).not.toContain('U9');
  });

  it('draws another pseudonym when a new person is given one already taken, and keeps their reply', async () => {
    const { programme, byKey } = await loaded();
    const question = byKey('q-open');
    await store.questions.setStatus(question.id, 'open', new Date('2026-12-02T09:00:00Z'));
    const [target] = await store.channels.targets(programme.id);
    await store.postings.create({
      questionId: question.id,
      channelTargetId: target?.id as string,
      messageRef: 'slack:T1:C:8.1',
      threadRef: 'slack:T1:C:8.1',
      postedAt: new Date(),
    });
    // A pseudonym source that hands the second person the first person's pseudonym before a fresh one.
    const draws = ['Participant 00000A', 'Participant 00000A', 'Participant 00000B'];
    const colliding = await openStore(database.url, { migrate: false, pseudonyms: () => draws.shift() ?? 'spent' });
    try {
      const deps = { store: colliding, clock: systemClock, logger: silentLogger, platforms: new PlatformRegistry() };
      const reply = (user: string, ts: string) =>
        recordResponse(deps, {
          platform: 'slack',
          containerRef: 'slack:T1:C:8.1',
          messageRef: `slack:T1:C:${ts}`,
          author: { platform: 'slack', platformUserId: user, displayName: `Person ${user}` },
          body: `Reply from ${user}`,
          replyToRef: null,
          attachments: [],
          idempotencyKey: `slack:T1:C:${ts}`,
          at: new Date('2026-12-02T10:00:00Z'),
        });
      expect((await reply('U1', '8.2')).status).toBe('recorded');
      expect((await reply('U2', '8.3')).status).toBe('recorded');
    } finally {
      await colliding.close();
    }
    expect(draws).toEqual([]);
    const people = [await store.participants.find('slack', 'U1'), await store.participants.find('slack', 'U2')];
    expect(people.map((p) => p?.pseudonym)).toEqual(['Participant 00000A', 'Participant 00000B']);
    expect((await store.responses.listByQuestion(question.id)).map((r) => r.body).sort()).toEqual([
      'Reply from U1',
      'Reply from U2',
    ]);
  });

  it('finds or creates a batch of people at once, in the order given, keeping names current', async () => {
    const known = await participant('U1');
    const people = await store.participants.upsertMany([
      { platform: 'slack', platformUserId: 'U2', displayName: 'Person U2' },
      { platform: 'slack', platformUserId: 'U1', displayName: 'Renamed U1' },
      { platform: 'discord', platformUserId: 'U2', displayName: '' },
      { platform: 'slack', platformUserId: 'U2', displayName: 'Person U2' },
    ]);
    expect(people.map((p) => [p.platform, p.platformUserId, p.displayName])).toEqual([
      ['slack', 'U2', 'Person U2'],
      ['slack', 'U1', 'Renamed U1'],
      ['discord', 'U2', 'U2'],
      ['slack', 'U2', 'Person U2'],
    ]);
    expect(people[1]).toMatchObject({ id: known.id, pseudonym: known.pseudonym });
    expect(people[3]?.id).toBe(people[0]?.id);
    expect(new Set(people.map((p) => p.pseudonym)).size).toBe(3);
    const stored = await store.participants.find('discord', 'U2');
    expect(stored).toEqual(people[2]);
    expect(stored).toMatchObject({ role: 'participant', remindersOff: false });
    expect(stored?.createdAt).toBeInstanceOf(Date);
    expect((await store.participants.find('slack', 'U1'))?.displayName).toBe('Renamed U1');
  });

  it("writes a transaction's new responses when it commits, every field as recorded, and tells who answered", async () => {
    const { byKey } = await loaded();
    const [a, b, c] = [await participant('U1'), await participant('U2'), await participant('U3')];
    const open = byKey('q-open').id;
    const response = (participantId: string, key: string, extra = {}) => ({
      questionId: open,
      postingId: null,
      participantId,
      body: `Answer ${key}`,
      private: false,
      messageRef: `slack:T1:C1:${key}`,
      replyToId: null,
      attachments: [],
      idempotencyKey: key,
      createdAt: new Date('2026-12-02T10:00:00.123Z'),
      ...extra,
    });
    const attachments = [{ name: 'plan.pdf', url: 'https://files.example/plan.pdf' }];
    const recorded = await store.transaction(async (tx) => [
      await tx.responses.record(response(a.id, 'r1', { attachments })),
      await tx.responses.record(response(b.id, 'r2', { private: true, messageRef: null })),
      await tx.responses.record(response(a.id, 'r1', { attachments })),
    ]);
    expect(recorded.map((r) => r.created)).toEqual([true, true, false]);
    for (const { response: written } of recorded) expect(await store.responses.findById(written.id)).toEqual(written);
    expect(await store.responses.findById(recorded[0]?.response.id as string)).toMatchObject({
      attachments,
      private: false,
      createdAt: new Date('2026-12-02T10:00:00.123Z'),
      editedAt: null,
      deletedAt: null,
    });
    expect((await store.responses.findById(recorded[1]?.response.id as string))?.private).toBe(true);
    await expect(
      store.transaction(async (tx) => {
        await tx.responses.record(response(c.id, 'r3'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store.responses.listByQuestion(open)).toHaveLength(2);
    await store.responses.markDeleted(recorded[1]?.response.id as string, new Date());
    const asked = [a, b, c].flatMap((p) => [
      { questionId: open, participantId: p.id },
      { questionId: byKey('q-single').id, participantId: p.id },
    ]);
    expect(await store.responses.respondedAmong(asked)).toEqual([{ questionId: open, participantId: a.id }]);
  });

  it('finds postings by thread or message reference', async () => {
    const { programme, byKey } = await loaded();
    const [target] = await store.channels.targets(programme.id);
    await store.postings.create({
      questionId: byKey('q-open').id,
      channelTargetId: target?.id as string,
      messageRef: 'slack:T1:C:9.1',
      threadRef: 'slack:T1:C:9.1',
      postedAt: new Date(),
    });
    expect((await store.postings.findByMessageOrThread('slack:T1:C:9.1'))?.questionId).toBe(byKey('q-open').id);
    expect(await store.postings.find(byKey('q-open').id, target?.id as string)).not.toBeNull();
  });

  it('claims each due job for one worker only', async () => {
    const now = new Date('2026-12-01T09:00:00Z');
    for (let i = 0; i < 20; i++)
      await store.jobs.schedule({ key: `open:q${i}`, kind: 'open', payload: { i }, runAt: now });
    const [a, b] = await Promise.all([
      store.jobs.claimDue('worker-a', now, 60_000, 50),
      store.jobs.claimDue('worker-b', now, 60_000, 50),
    ]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(new Set(ids).size).toBe(20);
    expect(ids).toHaveLength(20);
    expect(await store.jobs.claimDue('worker-c', now, 60_000, 50)).toHaveLength(0);
    const later = new Date(now.getTime() + 120_000);
    expect(await store.jobs.claimDue('worker-c', later, 60_000, 50)).toHaveLength(20);
  });

  it('reschedules pending jobs and keeps finished ones', async () => {
    const job = await store.jobs.schedule({
      key: 'open:x',
      kind: 'open',
      payload: {},
      runAt: new Date('2026-12-01T09:00:00Z'),
    });
    await store.jobs.schedule({ key: 'open:x', kind: 'open', payload: {}, runAt: new Date('2026-12-02T09:00:00Z') });
    expect((await store.jobs.list())[0]?.runAt.toISOString()).toBe('2026-12-02T09:00:00.000Z');
    const [claimed] = await store.jobs.claimDue('w', new Date('2026-12-03T00:00:00Z'), 1000, 1);
    expect(claimed?.id).toBe(job.id);
    await store.jobs.complete(job.id, 'w', 'done');
    const kept = await store.jobs.schedule({
      key: 'open:x',
      kind: 'open',
      payload: {},
      runAt: new Date('2026-12-09T09:00:00Z'),
    });
    expect(kept.status).toBe('done');
  });

  it('tells first sightings of platform events from redeliveries', async () => {
    expect(await store.processedEvents.firstSighting('slack:Ev1')).toBe(true);
    expect(await store.processedEvents.firstSighting('slack:Ev1')).toBe(false);
  });

  it('forgets seen platform event ids from before an instant, and only those', async () => {
    expect(await store.processedEvents.firstSighting('slack:Ev1')).toBe(true);
    expect(await store.processedEvents.purgeBefore(new Date(Date.now() - 3_600_000))).toBe(0);
    expect(await store.processedEvents.firstSighting('slack:Ev1')).toBe(false);
    expect(await store.processedEvents.purgeBefore(new Date(Date.now() + 60_000))).toBe(1);
    expect(await store.processedEvents.firstSighting('slack:Ev1')).toBe(true);
  });

  it('keeps one installation per platform and key, replaced on reinstall and forgotten on removal', async () => {
    const first = { team: { id: 'T1', name: 'Staff' }, bot: { token: 'xoxb-1', userId: 'U_BOT' } };
    await store.installations.save('slack', 'T1', first);
    await store.installations.save('slack', 'T2', { team: { id: 'T2' }, bot: { token: 'xoxb-2' } });
    expect(await store.installations.find('slack', 'T1')).toEqual(first);
    expect(await store.installations.find('discord', 'T1')).toBeNull();
    await store.installations.save('slack', 'T1', { ...first, bot: { token: 'xoxb-1b', userId: 'U_BOT' } });
    expect((await store.installations.find('slack', 'T1'))?.bot).toEqual({ token: 'xoxb-1b', userId: 'U_BOT' });
    expect((await store.installations.keys('slack')).sort()).toEqual(['T1', 'T2']);
    expect(await store.installations.remove('slack', 'T1')).toBe(true);
    expect(await store.installations.remove('slack', 'T1')).toBe(false);
    expect(await store.installations.find('slack', 'T1')).toBeNull();
    expect(await store.installations.keys('slack')).toEqual(['T2']);
  });
  async function collectBatches<T>(batches: AsyncIterable<T[]>): Promise<{ rows: T[]; sizes: number[] }> {
    const rows: T[] = [];
    const sizes: number[] = [];
    for await (const batch of batches) {
      rows.push(...batch);
      sizes.push(batch.length);
    }
    return { rows, sizes };
  }

  it('streams live responses, votes and participants in batches, oldest first, for reports', async () => {
    const { byKey } = await loaded();
    const [ada, ben] = [await participant('U1'), await participant('U2')];
    const q = byKey('q-open');
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 10, minute));
    const respond = (who: { id: string }, key: string, minute: number, replyToId: string | null = null) =>
      store.responses.record({
        questionId: q.id,
        postingId: null,
        participantId: who.id,
        body: `answer ${key}`,
        private: false,
        messageRef: null,
        replyToId,
        attachments: [{ name: 'a.pdf', url: 'https://files.example/a.pdf' }],
        idempotencyKey: key,
        createdAt: at(minute),
      });
    const first = await respond(ada, 'r1', 1);
    await respond(ben, 'r2', 2, first.response.id);
    const gone = await respond(ben, 'r3', 3);
    await store.responses.markDeleted(gone.response.id, at(4));
    await respond(ada, 'r4', 30);
    const responses = await collectBatches(store.reporting.responses(q.id, { until: at(20), batchSize: 1 }));
    expect(responses.sizes).toEqual([1, 1]);
    expect(responses.rows.map((r) => r.body)).toEqual(['answer r1', 'answer r2']);
    expect(responses.rows[0]?.attachments).toEqual([{ name: 'a.pdf', url: 'https://files.example/a.pdf' }]);
    expect(responses.rows[0]?.createdAt.toISOString()).toBe(at(1).toISOString());
    expect(responses.rows[1]?.replyToId).toBe(first.response.id);

    const likert = byKey('q-likert');
    const vote = (who: { id: string }, subject: string, choice: string[] | null, minute: number) =>
      store.votes.set({
        questionId: likert.id,
        participantId: who.id,
        subject,
        choice,
        idempotencyKey: `${who.id}${subject}${minute}`,
        at: at(minute),
      });
    await vote(ben, 'clear-goals', ['3'], 5);
    await vote(ada, 'clear-goals', ['1'], 6);
    await vote(ada, 'good-data', ['2'], 7);
    await vote(ada, 'good-data', null, 8);
    const votes = await collectBatches(store.reporting.votes(likert.id, { until: at(20) }));
    expect(votes.rows.map((v) => [v.participantId, v.subject, v.choice])).toEqual([
      [ben.id, 'clear-goals', ['3']],
      [ada.id, 'clear-goals', ['1']],
    ]);
    expect(votes.rows[0]?.castAt.toISOString()).toBe(at(5).toISOString());
    expect(await store.reporting.tallyVotes(likert.id, { until: at(20) })).toEqual([
      { subject: 'clear-goals', choice: ['1'], count: 1 },
      { subject: 'clear-goals', choice: ['3'], count: 1 },
    ]);
    expect(await store.reporting.tallyVotes(likert.id, { until: at(6) })).toEqual([
      { subject: 'clear-goals', choice: ['3'], count: 1 },
    ]);

    const people = await collectBatches(store.reporting.participants());
    expect(people.rows.map((p) => p.displayName).sort()).toEqual(['Person U1', 'Person U2']);
    expect(people.rows.every((p) => p.platform === 'slack' && p.pseudonym.length > 0)).toBe(true);
  });

  it('reads responses and votes in pages, each row once, in time then id order, ties across pages included', async () => {
    const { byKey } = await loaded();
    const q = byKey('q-open');
    const likert = byKey('q-likert');
    const people = [];
    for (const id of ['U1', 'U2', 'U3', 'U4', 'U5']) people.push(await participant(id));
    // Five answers at one instant and two more later: pages of two must cut through the tie.
    const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 10, minute));
    for (const [n, who] of people.entries())
      await store.responses.record({
        questionId: q.id,
        postingId: null,
        participantId: who.id,
        body: `tied ${n}`,
        private: false,
        messageRef: null,
        replyToId: null,
        attachments: [],
        idempotencyKey: `tied-${n}`,
        createdAt: at(1),
      });
    for (const [n, minute] of [3, 2].entries())
      await store.responses.record({
        questionId: q.id,
        postingId: null,
        participantId: (people[0] as { id: string }).id,
        body: `later ${minute}`,
        private: false,
        messageRef: null,
        replyToId: null,
        attachments: [],
        idempotencyKey: `later-${n}`,
        createdAt: at(minute),
      });
    for (const who of people)
      await store.votes.set({
        questionId: likert.id,
        participantId: who.id,
        subject: 'clear-goals',
        choice: ['2'],
        idempotencyKey: `v-${who.id}`,
        at: at(4),
      });
    const pages = await collectBatches(store.reporting.responses(q.id, { until: at(20), batchSize: 2 }));
    expect(pages.sizes).toEqual([2, 2, 2, 1]);
    const tied = pages.rows.slice(0, 5);
    expect(tied.map((r) => r.body).sort()).toEqual(['tied 0', 'tied 1', 'tied 2', 'tied 3', 'tied 4']);
    expect(tied.map((r) => r.id)).toEqual([...tied.map((r) => r.id)].sort());
    expect(pages.rows.slice(5).map((r) => r.body)).toEqual(['later 2', 'later 3']);
    const votes = await collectBatches(store.reporting.votes(likert.id, { until: at(20), batchSize: 2 }));
    expect(votes.sizes).toEqual([2, 2, 1]);
    expect(new Set(votes.rows.map((v) => v.participantId)).size).toBe(5);
    expect(await store.reporting.count(q.id, { until: at(20) })).toEqual({ responses: 7, votes: 0 });
    expect(await store.reporting.count(likert.id, { until: at(4) })).toEqual({ responses: 0, votes: 0 });
    expect(await store.reporting.count(likert.id, { until: at(20) })).toEqual({ responses: 0, votes: 5 });
  });

  it('lists contributions and the most replied responses of a programme', async () => {
    const { programme, byKey } = await loaded();
    const [ada, ben, cat] = [await participant('U1'), await participant('U2'), await participant('U3')];
    const q = byKey('q-open');
    const at = (day: number) => new Date(Date.UTC(2026, 11, day, 9));
    const respond = async (who: { id: string }, key: string, day: number, replyToId: string | null = null) =>
      (
        await store.responses.record({
          questionId: q.id,
          postingId: null,
          participantId: who.id,
          body: key,
          private: true,
          messageRef: null,
          replyToId,
          attachments: [],
          idempotencyKey: key,
          createdAt: at(day),
        })
      ).response;
    const popular = await respond(ada, 'popular', 1);
    const quiet = await respond(ben, 'quiet', 2);
    await respond(ben, 'reply-1', 3, popular.id);
    await respond(cat, 'reply-2', 8, popular.id);
    const late = await respond(cat, 'late', 9);
    await respond(ada, 'reply-3', 9, late.id);
    await store.votes.set({
      questionId: byKey('q-single').id,
      participantId: cat.id,
      subject: '',
      choice: ['yes'],
      idempotencyKey: 'v',
      at: at(4),
    });

    for (const [subject, day] of [
      ['clear-goals', 2],
      ['good-data', 5],
    ] as const)
      await store.votes.set({
        questionId: byKey('q-likert').id,
        participantId: ada.id,
        subject,
        choice: ['1'],
        idempotencyKey: `l${day}`,
        at: at(day),
      });

    // Ben also replied in a channel's thread, in the week.
    const [target] = await store.channels.targets(programme.id);
    const posting = await store.postings.create({
      questionId: q.id,
      channelTargetId: target?.id as string,
      messageRef: 'slack:T1:C:9.1',
      threadRef: 'slack:T1:C:9.1',
      postedAt: at(1),
    });
    await store.responses.record({
      questionId: q.id,
      postingId: posting.id,
      participantId: ben.id,
      body: 'in the thread',
      private: false,
      messageRef: 'slack:T1:C:9.2',
      replyToId: null,
      attachments: [],
      idempotencyKey: 'thread',
      createdAt: at(4),
    });
    // Cat also voted before the week, on another question: one row for both, and before the week.
    await store.votes.set({
      questionId: byKey('q-likert').id,
      participantId: cat.id,
      subject: 'clear-goals',
      choice: ['3'],
      idempotencyKey: 'c1',
      at: at(1),
    });

    const window = { until: at(9), weekStart: at(3), since: at(2) };
    const rows: unknown[][] = [];
    let castInWeek = 0;
    const postings: (string | null)[] = [];
    for await (const batch of store.reporting.contributions(programme.id, window)) {
      if (batch.kind === 'vote')
        for (const [p, voted, inWeek, beforeWeek, cast] of batch.rows) {
          castInWeek += cast;
          batch.questionIds.forEach((id, i) => {
            if (voted & (1 << i)) rows.push(['vote', p, beforeWeek, (inWeek >> i) & 1, null, id]);
          });
        }
      else
        for (const [p, bits] of batch.rows) {
          postings.push(batch.postingIds[Math.floor(bits / RESPONSE_POSTING)] ?? null);
          // Written either in the week or before it, never both.
          expect((bits & RESPONSE_IN_WEEK) ^ ((bits & RESPONSE_BEFORE_WEEK) >> 1)).toBe(1);
          rows.push(['response', p, 1, bits & RESPONSE_IN_WEEK, bits & RESPONSE_SINCE_LAST ? 1 : 0, batch.questionId]);
        }
    }
    expect(rows.map((row) => row.slice(0, 5)).sort()).toEqual(
      [
        ['response', ada.id, 1, 0, 0],
        ['response', ben.id, 1, 0, 1],
        ['response', ben.id, 1, 1, 1],
        ['response', ben.id, 1, 1, 1],
        ['response', cat.id, 1, 1, 1],
        ['vote', cat.id, 1, 1, null],
        ['vote', cat.id, 1, 0, null],
        ['vote', ada.id, 1, 1, null],
      ].sort(),
    );
    expect(rows.filter((row) => row[0] === 'vote').map((row) => `${row[1]} ${row[5]} ${row[3]}`)).toEqual(
      expect.arrayContaining([
        `${ada.id} ${byKey('q-likert').id} 1`,
        `${cat.id} ${byKey('q-likert').id} 0`,
        `${cat.id} ${byKey('q-single').id} 1`,
      ]),
    );
    expect(postings.sort()).toEqual([null, null, null, null, posting.id].sort());
    // Cat's single-choice vote and Ada's second Likert answer.
    expect(castInWeek).toBe(2);
    const platforms = new Map<string, string>();
    for await (const batch of store.reporting.participantPlatforms()) for (const [id, p] of batch) platforms.set(id, p);
    expect([ada, ben, cat].map((who) => platforms.get(who.id))).toEqual([ada.platform, ben.platform, cat.platform]);

    const top = await store.reporting.mostReplied(q.id, { until: at(10), limit: 5 });
    expect(top.map((r) => [r.body, r.replies, r.author.displayName])).toEqual([
      ['popular', 2, 'Person U1'],
      ['late', 1, 'Person U3'],
    ]);
    expect((await store.reporting.mostReplied(q.id, { until: at(8), limit: 5 })).map((r) => r.replies)).toEqual([1]);
    const week = await store.reporting.mostReplied(q.id, {
      since: at(2),
      until: at(10),
      limit: 3,
      includeUnreplied: true,
    });
    expect(week.map((r) => [r.body, r.replies])).toEqual([
      ['late', 1],
      ['quiet', 0],
      ['reply-1', 0],
    ]);
    expect(quiet.id).toBe(week[1]?.id);
  });

  it('keeps one digest per programme and week, and finds the latest before a week', async () => {
    const { programme } = await loaded();
    await store.digests.save(programme.id, '2026-W48', { n: 48 });
    await store.digests.save(programme.id, '2026-W50', { n: 1 });
    await store.digests.save(programme.id, '2026-W50', { n: 50 });
    expect((await store.digests.find(programme.id, '2026-W50'))?.model).toEqual({ n: 50 });
    expect(await store.digests.find(programme.id, '2026-W49')).toBeNull();
    expect((await store.digests.latestBefore(programme.id, '2026-W51'))?.week).toBe('2026-W50');
    expect((await store.digests.latestBefore(programme.id, '2026-W50'))?.model).toEqual({ n: 48 });
    expect(await store.digests.latestBefore(programme.id, '2026-W48')).toBeNull();
    expect(await store.digests.weeks(programme.id)).toEqual(['2026-W48', '2026-W50']);
  });

  it('keeps every summary of a question and finds the newest, or the newest before an instant', async () => {
    const { programme } = await loaded();
    const question = (await store.questions.listByProgramme(programme.id))[0];
    if (!question) throw new Error('fixture has questions');
    const save = (method: string, hash: string, day: number, content: unknown = { day, nested: { list: [1, 2] } }) =>
      store.summaries.save({
        questionId: question.id,
        method,
        inputHash: hash,
        content,
        createdAt: new Date(Date.UTC(2026, 11, day)),
      });
    await save('themes', 'a', 1);
    await save('themes', 'b', 8);
    await save('opinion-groups', 'c', 9);
    const newest = await store.summaries.latest(question.id, 'themes');
    expect(newest?.inputHash).toBe('b');
    expect(newest?.content).toEqual({ day: 8, nested: { list: [1, 2] } });
    expect(
      (await store.summaries.latest(question.id, 'themes', { before: new Date(Date.UTC(2026, 11, 8)) }))?.inputHash,
    ).toBe('a');
    expect(await store.summaries.latest(question.id, 'themes', { before: new Date(Date.UTC(2026, 11, 1)) })).toBeNull();
    expect(await store.summaries.latest(question.id, 'llm')).toBeNull();
    // Made in the same instant, the later one is the newest; the content comes back exactly as it went in.
    const content = { quote: 'It\'s "workload" — ✓ 😀\\n', ids: Array.from({ length: 20_000 }, (_, i) => `c${i}`) };
    await save('themes', 'd', 10, content);
    await save('themes', 'e', 10);
    expect((await store.summaries.latest(question.id, 'themes'))?.inputHash).toBe('e');
    const kept = await store.summaries.latest(question.id, 'themes', {
      before: new Date(Date.UTC(2026, 11, 10, 0, 0, 0, 1)),
    });
    expect(kept?.createdAt).toEqual(new Date(Date.UTC(2026, 11, 10)));
    expect(
      (await store.summaries.latest(question.id, 'themes', { before: new Date(Date.UTC(2026, 11, 9)) }))?.content,
    ).toEqual({ day: 8, nested: { list: [1, 2] } });
    await save('large', 'f', 10, content);
    expect((await store.summaries.latest(question.id, 'large'))?.content).toEqual(content);
  });

  const inboxEvent = (key: string) => ({
    key,
    orderingKey: 'thread:A',
    kind: 'response.posted',
    payload: '{}',
    receivedAt: new Date(),
  });

  it('lets a transaction that read before an inbox append went in write afterwards', async () => {
    const person = await participant();
    // The inbox's connection is open (on SQLite it has a thread of its own, which takes a moment to start).
    await store.inbox.append([inboxEvent('k0')]);
    let appended: Promise<boolean[]> | undefined;
    await store.transaction(async (tx) => {
      expect(await tx.inbox.counts()).toEqual({ pending: 1, applied: 0, parked: 0 });
      appended = store.inbox.append([inboxEvent('k1')]);
      await Promise.race([appended, new Promise((resolve) => setTimeout(resolve, 250))]);
      await tx.participants.setRemindersOff(person.id, true);
    });
    expect(await appended).toEqual([true]);
    expect((await store.participants.findById(person.id))?.remindersOff).toBe(true);
  });

  it('keeps an inbox commit made while a transaction is open, when that transaction is rolled back', async () => {
    const entry = (key: string) => ({
      key,
      orderingKey: 'thread:A',
      kind: 'response.posted',
      payload: '{}',
      receivedAt: new Date(),
    });
    let committed: Promise<boolean[]> = Promise.resolve([]);
    await expect(
      store.transaction(async (tx) => {
        await tx.inbox.append([entry('undone')]);
        committed = store.inbox.append([entry('kept')]);
        // Time enough for a commit sent meanwhile to reach the database, were it let into this transaction.
        for (let i = 0; i < 20; i++) await tx.inbox.counts();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await committed).toEqual([true]);
    expect((await store.inbox.list('pending', 10)).map((e) => e.key)).toEqual(['kept']);
  });

  readersAndRosterCases(() => store, loaded);
  runningTotalsCases(() => store, loaded, participant);
  inboxContract(() => store.inbox);
}
