import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { adjustedRandIndex } from '../../src/core/positions/adjusted-rand-index.ts';
import type { QuestionSummary } from '../../src/core/summaries/model.ts';
import { opinionGroupsPart } from '../../src/core/summaries/opinion-groups-part.ts';
import { summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import { coreHarness } from '../support/core-harness.ts';
import type { SummaryHarness } from '../support/summary-fixture.ts';

/**
 * Opinion groups updated from the stored grouping with the votes since agree with groups found again from every
 * vote to an adjusted Rand index of at least 0.95 (the stated tolerance), and count every vote exactly.
 */
const TOLERANCE = 0.95;
const FIRST = 60;
const LATER = 10;

describe('opinion groups updated with the votes since, instead of found again', () => {
  let h: SummaryHarness;
  let first: QuestionSummary;
  let updated: QuestionSummary;

  // Two camps on the three statements, with a few people crossing over on one of them.
  const choiceOf = (person: number, statement: number) => {
    const camp = person % 2;
    const flip = person % 7 === 0 && statement === 2;
    return (statement === 1 ? 1 - camp : camp) === (flip ? 1 : 0) ? 'agree' : 'disagree';
  };

  async function vote(from: number, to: number, at: Date) {
    const ids = Array.from({ length: to - from }, (_, i) => `v${from + i}`);
    await h.store.db.participant.createMany({
      data: ids.map((p) => ({ id: p, platform: 'slack', platformUserId: p, displayName: p, pseudonym: `P ${p}` })),
    });
    const question = h.question('q-statements');
    await h.store.db.vote.createMany({
      data: ids.flatMap((p, i) =>
        ['s1', 's2', 's3'].map((subject, s) => ({
          id: `${p}-${subject}`,
          questionId: question.id,
          participantId: p,
          subject,
          choice: [choiceOf(from + i, s)],
          castAt: new Date(at.getTime() + i),
        })),
      ),
    });
  }

  beforeAll(async () => {
    h = await coreHarness();
    await openQuestion(h.deps, h.question('q-statements').id);
    await vote(0, FIRST, h.clock.now());
    first = (await summariseQuestion(h.deps, h.question('q-statements'))).summary;
    h.clock.advance(3_600_000);
    await vote(FIRST, FIRST + LATER, h.clock.now());
    updated = (await summariseQuestion(h.deps, h.question('q-statements'))).summary;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('updates the stored grouping rather than finding it again, counting every vote', () => {
    expect(first.update).toEqual({ kind: 'full' });
    expect(updated.update).toEqual({ kind: 'incremental', from: first.computedAt, added: LATER * 3 });
    expect(updated.inputs.votes).toBe((FIRST + LATER) * 3);
  });

  it(`agrees with a full recompute to an adjusted Rand index of at least ${TOLERANCE}`, async () => {
    const question = h.question('q-statements');
    const full = opinionGroupsPart(
      await h.store.questions.options(question.id, { includePending: true }),
      await h.store.votes.listByQuestion(question.id),
    );
    const groupOf = (part: QuestionSummary['opinionGroups']) => {
      if (part?.status !== 'grouped') throw new Error('expected groups');
      return new Map(part.groups.flatMap((g) => g.members.map((m) => [m, g.id])));
    };
    const incremental = groupOf(updated.opinionGroups);
    const recomputed = groupOf(full);
    const people = [...recomputed.keys()];
    expect(people).toHaveLength(FIRST + LATER);
    expect(
      adjustedRandIndex(
        people.map((p) => incremental.get(p) ?? null),
        people.map((p) => recomputed.get(p) ?? null),
      ),
    ).toBeGreaterThanOrEqual(TOLERANCE);
  });
});
