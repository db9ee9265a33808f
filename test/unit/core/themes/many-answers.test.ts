import { describe, expect, it } from 'vitest';
import { syntheticAnswers } from '../../../../bench/synthetic-answers.ts';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';
import { FIT } from '../../../../src/core/themes/cluster-answers.ts';
import { computeThemes, type ThemesResult } from '../../../../src/core/themes/compute-themes.ts';
import { MAX_TERMS, vocabulary } from '../../../../src/core/themes/term-vectors.ts';

describe('themes of more answers than the clustering is fitted on', () => {
  // Phrase pools for five topics with 5% off topic, as the themes benchmark uses.
  const { answers, planted } = syntheticAnswers(4500);
  const result = computeThemes(answers);

  it('fits on a sample but places every answer', () => {
    expect(answers.length).toBeGreaterThan(FIT);
    const placed = result.themes.reduce((sum, theme) => sum + theme.responseIds.length, 0);
    expect(placed + result.other.responseIds.length + result.leftOut.length).toBe(answers.length);
    expect(new Set([...result.themes.flatMap((t) => t.responseIds), ...result.other.responseIds]).size).toBe(
      answers.length,
    );
  });

  it('finds the planted topics as well as clustering every answer does, to 0.05 of adjusted Rand index', () => {
    const exact = computeThemes(answers, { fitOn: Number.POSITIVE_INFINITY });
    const ids = [...planted.keys()];
    const agreement = (r: ThemesResult) => {
      const themeOf = new Map(r.themes.flatMap((theme, t) => theme.responseIds.map((id) => [id, t])));
      return adjustedRandIndex(
        ids.map((id) => planted.get(id)),
        ids.map((id) => themeOf.get(id) ?? null),
      );
    };
    expect(agreement(result)).toBeGreaterThanOrEqual(agreement(exact) - 0.05);
  });

  it('gives the same themes whatever order the answers come in', () => {
    const again = computeThemes([...answers].reverse());
    expect(again.themes.map((t) => [t.id, t.label, t.people])).toEqual(
      result.themes.map((t) => [t.id, t.label, t.people]),
    );
  });
});

describe('themes of more answers than the centres are refined on', () => {
  const { answers } = syntheticAnswers(9000);
  const themeOf = (r: ThemesResult) => new Map(r.themes.flatMap((theme, t) => theme.responseIds.map((id) => [id, t])));

  it('place every answer as refining on all of them does, to 0.95 of adjusted Rand index', () => {
    const sampled = themeOf(computeThemes(answers, { fitOn: 1000, refineOn: 2000 }));
    const exact = themeOf(computeThemes(answers, { fitOn: 1000, refineOn: Number.POSITIVE_INFINITY }));
    const ids = answers.map((a) => a.responseId);
    expect(
      adjustedRandIndex(
        ids.map((id) => sampled.get(id) ?? null),
        ids.map((id) => exact.get(id) ?? null),
      ),
    ).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the vocabulary', () => {
  it('keeps the terms used in the most answers when there are more than it holds', () => {
    const extra = 50;
    const counts = Array.from({ length: MAX_TERMS + extra }, (_, i) => new Map([[`term${i}`, 1]]));
    // Two people use each term; the first `extra` terms are used by a third answer too.
    const all = [...counts, ...counts, ...counts.slice(0, extra)];
    const people = all.map((_, i) => `p${i % 3}`);
    const kept = vocabulary(all, people);
    expect(kept.terms).toHaveLength(MAX_TERMS);
    for (let i = 0; i < extra; i++) expect(kept.ids.has(`term${i}`)).toBe(true);
  });
});
