import { expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store.ts';
import type { ParticipantRecord, ProgrammeRecord, QuestionRecord } from '../../src/core/records.ts';

/**
 * Store cases for the running totals kept as votes are written (part of the shared store suite): after any mix of
 * casts, changes, retractions, erasures and retention purges, they equal a count of the votes themselves.
 */
export function runningTotalsCases(
  store: () => Store,
  loaded: () => Promise<{ programme: ProgrammeRecord; byKey: (key: string) => QuestionRecord }>,
  participant: (id: string) => Promise<ParticipantRecord>,
): void {
  const FAR = new Date('9999-12-31T00:00:00Z');

  async function recount(questionId: string) {
    const counts = new Map<string, { subject: string; choice: string[]; count: number }>();
    for (const v of await store().votes.listByQuestion(questionId)) {
      if (v.retractedAt) continue;
      const key = `${v.subject}\u0000${JSON.stringify(v.choice)}`;
      const row = counts.get(key) ?? { subject: v.subject, choice: v.choice, count: 0 };
      row.count++;
      counts.set(key, row);
    }
    return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  }

  it('keeps vote tallies equal to a recount through casts, changes, retractions, erasure and purges', async () => {
    const { programme, byKey } = await loaded();
    const questions = [byKey('q-single'), byKey('q-likert')];
    const people = await Promise.all(['T1', 'T2', 'T3', 'T4', 'T5', 'T6'].map((id) => participant(id)));
    const subjects = (q: QuestionRecord) => (q.kind === 'likert' ? ['clear-goals', 'good-data'] : ['']);
    const choices = [['a'], ['b'], ['c'], null];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 1, 9, m));
    const check = async () => {
      for (const q of questions)
        expect(await store().reporting.tallyVotes(q.id, { until: FAR })).toEqual(await recount(q.id));
    };
    for (let m = 0; m < 90; m++) {
      const q = questions[next(questions.length)] as QuestionRecord;
      const list = subjects(q);
      await store().votes.set({
        questionId: q.id,
        participantId: (people[next(people.length)] as ParticipantRecord).id,
        subject: list[next(list.length)] as string,
        choice: choices[next(choices.length)] ?? null,
        idempotencyKey: `mixed-${m}`,
        at: minute(m),
      });
      if (m % 30 === 29) await check();
    }
    expect((await store().reporting.tallyVotes(questions[0]?.id as string, { until: FAR })).length).toBeGreaterThan(0);
    await store().erasure.eraseParticipant((people[1] as ParticipantRecord).id, []);
    await check();
    await store().erasure.purgeBefore(programme.id, minute(45));
    await check();
    // A tally as it stood before the latest votes is counted from the votes, not the totals.
    const single = questions[0] as QuestionRecord;
    const before = (await store().votes.listByQuestion(single.id)).filter(
      (v) => !v.retractedAt && v.castAt < minute(80),
    );
    const counted = (await store().reporting.tallyVotes(single.id, { until: minute(80) })).reduce(
      (n, r) => n + r.count,
      0,
    );
    expect(counted).toBe(before.length);
  });

  it('keeps what a summary is computed from equal to a recount through answers, edits, deletions, erasure and purges', async () => {
    const { programme, byKey } = await loaded();
    const q = byKey('q-open');
    const people = await Promise.all(['R1', 'R2', 'R3'].map((id) => participant(id)));
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 2, 9, m));
    // What the store should hold, kept alongside: body, private, deleted, author and when, per response.
    const held = new Map<string, { body: string; private: boolean; deleted: boolean; author: string; at: Date }>();
    let edits = 0;
    let deletions = 0;
    // Rows removed for good (erasure, purge) count as deletions too.
    const removeWhere = (gone: (r: { author: string; at: Date }) => boolean) => {
      for (const [id, r] of held)
        if (gone(r)) {
          held.delete(id);
          deletions++;
        }
    };
    const mark = () => store().reporting.inputsMark(q.id);
    const check = async () => {
      const rows = [...held.values()];
      const now = await mark();
      const [all, edited, deleted, written, hidden] = now.revisions.split('/').map(Number);
      expect({ live: now.responses, all, edited, deleted, written, hidden }).toEqual({
        live: rows.filter((r) => !r.deleted).length,
        all: rows.length,
        edited: edits,
        deleted: deletions,
        written: rows.reduce((n, r) => n + r.body.length, 0),
        hidden: rows.filter((r) => r.private).length,
      });
    };
    for (let m = 0; m < 30; m++) {
      const author = people[m % people.length] as ParticipantRecord;
      const body = `answer ${m} ${'x'.repeat(m % 7)}`;
      const { response } = await store().responses.record({
        questionId: q.id,
        postingId: null,
        participantId: author.id,
        body,
        private: m % 4 === 0,
        messageRef: null,
        replyToId: null,
        attachments: [],
        idempotencyKey: `totals-${m}`,
        createdAt: minute(m),
      });
      held.set(response.id, { body, private: m % 4 === 0, deleted: false, author: author.id, at: minute(m) });
      if (m % 5 === 1) {
        await store().responses.revise(response.id, `${body} and more`, `totals-edit-${m}`, minute(m));
        (held.get(response.id) as { body: string }).body = `${body} and more`;
        edits++;
      }
      if (m % 6 === 2) {
        await store().responses.markDeleted(response.id, minute(m));
        (held.get(response.id) as { deleted: boolean }).deleted = true;
        deletions++;
      }
    }
    await check();
    const before = await mark();
    await store().erasure.eraseParticipant((people[1] as ParticipantRecord).id, []);
    removeWhere((r) => r.author === (people[1] as ParticipantRecord).id);
    await check();
    await store().erasure.purgeBefore(programme.id, minute(12));
    removeWhere((r) => r.at < minute(12));
    await check();
    expect((await mark()).revisions).not.toBe(before.revisions);
  });
}
