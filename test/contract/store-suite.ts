import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.ts';
import { openStore } from '../../src/storage/prisma-store.ts';
import type { TestDatabase } from '../support/databases.ts';
import { programmeDefinition, slackDirectory } from '../support/programme-fixture.ts';

/** The behaviour every store must have, whatever database is behind it. */
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
    expect(await store.votes.voterIds(q.id)).toEqual([]);
  });

  it('gives each participant a stable pseudonym and keeps display names current', async () => {
    const first = await participant('U9');
    const again = await store.participants.upsert({ platform: 'slack', platformUserId: 'U9', displayName: 'Renamed' });
    expect(again.id).toBe(first.id);
    expect(again.pseudonym).toBe(first.pseudonym);
    expect(again.displayName).toBe('Renamed');
    expect(first.pseudonym).not.toContain('U9');
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
}
