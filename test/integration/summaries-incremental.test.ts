import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticAnswers } from '../../bench/synthetic-answers.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { adjustedRandIndex } from '../../src/core/positions/adjusted-rand-index.ts';
import type { QuestionSummary } from '../../src/core/summaries/model.ts';
import { summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import { themesPart } from '../../src/core/summaries/themes-part.ts';
import { coreHarness } from '../support/core-harness.ts';
import type { SummaryHarness } from '../support/summary-fixture.ts';

/**
 * Themes updated with new answers agree with themes found again from every answer, within the stated tolerance:
 * every count exact; the two placements of every answer agree to an adjusted Rand index of at least 0.8, and to
 * within 0.05 of how far two full recomputes (before and after the new answers) agree with each other on the
 * answers both saw; and the update finds the planted topics at least as well as the recompute, less 0.05.
 */
const FIRST = 2000;
const LATER = 400;
const MIN_AGREEMENT = 0.8;
const SLACK = 0.05;

describe('themes updated with the answers since, instead of found again', () => {
  let h: SummaryHarness;
  const { answers, planted } = syntheticAnswers(FIRST + LATER);
  let first: QuestionSummary;
  let updated: QuestionSummary;
  const created = new Set<string>();

  async function write(from: number, to: number, at: Date) {
    const people = [...new Set(answers.slice(from, to).map((a) => a.participantId))].filter((p) => !created.has(p));
    for (const p of people) created.add(p);
    await h.store.db.participant.createMany({
      data: people.map((p) => ({ id: p, platform: 'slack', platformUserId: p, displayName: p, pseudonym: `P ${p}` })),
    });
    const open = h.question('q-open');
    await h.store.db.response.createMany({
      data: answers.slice(from, to).map((a, i) => ({
        id: a.responseId,
        questionId: open.id,
        participantId: a.participantId,
        body: a.text,
        private: i % 20 === 0,
        attachments: '[]',
        idempotencyKey: `synthetic:${a.responseId}`,
        createdAt: new Date(at.getTime() + i),
      })),
    });
  }

  beforeAll(async () => {
    h = await coreHarness();
    await openQuestion(h.deps, h.question('q-open').id);
    await write(0, FIRST, h.clock.now());
    first = (await summariseQuestion(h.deps, h.question('q-open'))).summary;
    h.clock.advance(3_600_000);
    await write(FIRST, FIRST + LATER, h.clock.now());
    h.clock.advance(60_000);
    updated = (await summariseQuestion(h.deps, h.question('q-open'))).summary;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('updates the stored themes rather than finding them again, counting every answer exactly', () => {
    expect(first.update).toEqual({ kind: 'full' });
    expect(updated.update).toEqual({ kind: 'incremental', from: first.computedAt, added: LATER });
    expect(updated.inputs.responses).toBe(FIRST + LATER);
    expect(updated.inputs.participants).toBe(new Set(answers.map((a) => a.participantId)).size);
    expect(updated.inputs.privateResponses).toBe(Math.ceil(FIRST / 20) + Math.ceil(LATER / 20));
    const themes = updated.themes;
    if (!themes) throw new Error('no themes');
    const placed = themes.themes.reduce((n, t) => n + t.responses, 0) + themes.other.responses + themes.leftOut;
    expect(placed).toBe(FIRST + LATER);
    for (const theme of themes.themes) expect(theme.responses).toBe(theme.responseIds.length);
  });

  it(`places every answer as a full recompute does, within the stated tolerance`, async () => {
    const live = await h.store.responses.listByQuestion(h.question('q-open').id);
    const full = themesPart(live, null);
    const themeOf = (part: NonNullable<QuestionSummary['themes']>) =>
      new Map<string, string | null>(part.themes.flatMap((t) => t.responseIds.map((id) => [id, t.id])));
    const incremental = themeOf(updated.themes as NonNullable<QuestionSummary['themes']>);
    const recomputed = themeOf(full);
    const before = themeOf(first.themes as NonNullable<QuestionSummary['themes']>);
    const ids = answers.map((x) => x.responseId);
    const agree = (a: Map<string, string | null>, b: Map<string, string | null>, over: string[]) =>
      adjustedRandIndex(
        over.map((id) => a.get(id) ?? null),
        over.map((id) => b.get(id) ?? null),
      );
    const agreement = agree(incremental, recomputed, ids);
    const recomputesAgree = agree(before, recomputed, ids.slice(0, FIRST));
    expect(agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
    expect(agreement).toBeGreaterThanOrEqual(recomputesAgree - SLACK);
    const topics = new Map(ids.map((id) => [id, planted.get(id) ?? null]));
    expect(agree(incremental, topics, ids)).toBeGreaterThanOrEqual(agree(recomputed, topics, ids) - SLACK);
  });

  it('reads a stored summary that still stands without storing another', async () => {
    const before = await h.store.db.summary.count();
    const again = await summariseQuestion(h.deps, h.question('q-open'));
    expect(again.reused).toBe(true);
    expect(again.summary.computedAt).toBe(updated.computedAt);
    expect(await h.store.db.summary.count()).toBe(before);
  });

  it('finds the themes again from every answer once an answer is edited', async () => {
    const [one] = await h.store.responses.listByQuestion(h.question('q-open').id);
    h.clock.advance(60_000);
    await h.store.responses.revise(
      one?.id as string,
      'Marking takes every evening and weekend',
      'edit:1',
      h.clock.now(),
    );
    const after = (await summariseQuestion(h.deps, h.question('q-open'))).summary;
    expect(after.update).toEqual({ kind: 'full' });
  });
});
