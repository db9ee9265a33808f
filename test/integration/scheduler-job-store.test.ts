import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { programmeDefinition, slackDirectory } from '../support/programme-fixture.ts';

/** What the scheduler needs of the store beyond claiming, on each database. */
for (const kind of await databaseKinds()) {
  describe.skipIf(kind.skip !== null)(`the job and retention store on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    beforeEach(async () => {
      database = await kind.create();
      store = await openStore(database.url);
    });
    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    const at = (iso: string) => new Date(iso);

    it('hands a leased job back without counting an attempt, or resets the count for a recurring one', async () => {
      await store.jobs.schedule({ key: 'remind:q:1', kind: 'remind', payload: {}, runAt: at('2026-12-10T21:00:00Z') });
      const [job] = await store.jobs.claimDue('w1', at('2026-12-10T21:00:00Z'), 60_000, 5);
      await store.jobs.release(job?.id as string, 'someone-else', at('2026-12-11T08:00:00Z'), 'not theirs');
      expect((await store.jobs.list())[0]).toMatchObject({ status: 'running', attempts: 1 });
      await store.jobs.release(job?.id as string, 'w1', at('2026-12-11T08:00:00Z'), 'quiet hours');
      expect((await store.jobs.list())[0]).toMatchObject({
        status: 'pending',
        attempts: 0,
        runAt: at('2026-12-11T08:00:00Z'),
        note: 'quiet hours',
        leaseUntil: null,
      });

      const [again] = await store.jobs.claimDue('w2', at('2026-12-11T08:00:00Z'), 60_000, 5);
      await store.jobs.fail(again?.id as string, 'w2', 'boom', at('2026-12-11T08:01:00Z'));
      const [third] = await store.jobs.claimDue('w2', at('2026-12-11T08:01:00Z'), 60_000, 5);
      expect(third).toMatchObject({ attempts: 2, lastError: 'boom' });
      await store.jobs.release(third?.id as string, 'w2', at('2026-12-12T03:00:00Z'), 'next run', {
        resetAttempts: true,
      });
      expect((await store.jobs.list())[0]).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    });

    it('records an outcome only for the worker holding the lease', async () => {
      await store.jobs.schedule({ key: 'open:q', kind: 'open', payload: {}, runAt: at('2026-12-01T09:00:00Z') });
      const [job] = await store.jobs.claimDue('slow', at('2026-12-01T09:00:00Z'), 60_000, 5);
      const [takenOver] = await store.jobs.claimDue('fast', at('2026-12-01T09:02:00Z'), 60_000, 5);
      expect(takenOver?.id).toBe(job?.id);
      await store.jobs.complete(takenOver?.id as string, 'fast', 'done', 'posted');
      await store.jobs.fail(job?.id as string, 'slow', 'timed out', at('2026-12-01T09:03:00Z'));
      await store.jobs.complete(job?.id as string, 'slow', 'skipped', 'late');
      expect((await store.jobs.list())[0]).toMatchObject({ status: 'done', note: 'posted', lastError: null });
    });

    it('deletes a programme’s responses older than a date, with their revisions, and no others', async () => {
      const targets = programmeDefinition().channels.flatMap(({ placeholder }) =>
        slackDirectory(placeholder).map((a) => ({ ...a, placeholder })),
      );
      await store.programmes.save(programmeDefinition(), 'h1', targets);
      await store.programmes.save(programmeDefinition({ slug: 'other' }), 'h2', targets);
      const person = await store.participants.upsert({ platform: 'slack', platformUserId: 'U1', displayName: 'A' });
      const questionOf = async (slug: string) =>
        (await store.questions.findByKey((await store.programmes.findBySlug(slug))?.id as string, 'q-open'))?.id;
      const answer = async (slug: string, key: string, createdAt: string) =>
        store.responses.record({
          questionId: (await questionOf(slug)) as string,
          postingId: null,
          participantId: person.id,
          body: key,
          private: false,
          messageRef: null,
          replyToId: null,
          attachments: [],
          idempotencyKey: key,
          createdAt: at(createdAt),
        });
      const old = await answer('staff-voice', 'old', '2026-01-01T10:00:00Z');
      await store.responses.revise(old.response.id, 'old, edited', 'old-edit', at('2026-01-02T10:00:00Z'));
      await answer('staff-voice', 'recent', '2026-06-01T10:00:00Z');
      await answer('other', 'other-old', '2026-01-01T10:00:00Z');
      const programme = await store.programmes.findBySlug('staff-voice');

      expect((await store.erasure.purgeBefore(programme?.id as string, at('2026-03-01T00:00:00Z'))).responses).toBe(1);
      expect(
        (await store.responses.listByQuestion((await questionOf('staff-voice')) as string)).map((r) => r.body),
      ).toEqual(['recent']);
      expect(await store.responses.revisions(old.response.id)).toEqual([]);
      expect(await store.responses.listByQuestion((await questionOf('other')) as string)).toHaveLength(1);
    });
  });
}
