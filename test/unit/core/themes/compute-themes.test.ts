import { describe, expect, it } from 'vitest';
import { computeThemes, type ThemeInput, type ThemesResult } from '../../../../src/core/themes/compute-themes.ts';
import { answers, teacherConsultation, WORDLESS } from './answers.ts';

function themeOf(result: ThemesResult, responseId: string): string | undefined {
  return result.themes.find((theme) => theme.responseIds.includes(responseId))?.label;
}

function shuffled<T>(items: readonly T[]): T[] {
  // A fixed permutation: reversed, then every other one first.
  const reversed = [...items].reverse();
  return [...reversed.filter((_, i) => i % 2 === 0), ...reversed.filter((_, i) => i % 2 === 1)];
}

describe('themes of a teacher consultation', () => {
  const result = computeThemes(teacherConsultation());

  it('finds the three topics and names them in the words people used', () => {
    expect(result.themes).toHaveLength(3);
    const labels = result.themes.map((theme) => theme.label.toLowerCase());
    expect(labels.some((label) => label.includes('marking'))).toBe(true);
    expect(labels.some((label) => label.includes('pay'))).toBe(true);
    expect(labels.some((label) => label.includes('behaviour'))).toBe(true);
    for (const theme of result.themes) {
      expect(theme.label).toMatch(/^[A-Z]/);
      expect(theme.id).toMatch(/^t-[0-9a-f]{14}$/);
      expect(theme.keyPhrases.length).toBeGreaterThan(0);
      expect(theme.people).toBe(theme.responseIds.length);
    }
  });

  it('keeps each topic together', () => {
    for (const topic of ['workload', 'pay', 'behaviour']) {
      const labels = Array.from({ length: 10 }, (_, i) => themeOf(result, `${topic}-${i}`));
      const counts = new Map<string | undefined, number>();
      for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
      expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(9);
    }
  });

  it('puts answers that share nothing with a theme in other', () => {
    expect(result.other.responseIds).toEqual(expect.arrayContaining(['noise-0', 'noise-1', 'noise-3', 'noise-4']));
    expect(result.other.people).toBe(result.other.responseIds.length);
    const all = [...result.themes.flatMap((theme) => theme.responseIds), ...result.other.responseIds];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(35);
  });

  it('lists the largest theme first', () => {
    const sizes = result.themes.map((theme) => theme.people);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('gives the same themes twice, and whatever order the answers come in', () => {
    expect(computeThemes(teacherConsultation())).toEqual(result);
    expect(computeThemes(shuffled(teacherConsultation())).themes).toEqual(result.themes);
  });

  it('gives every seed clean topics', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const labels = computeThemes(teacherConsultation(), { seed }).themes.map((theme) => theme.label.toLowerCase());
      expect(labels.filter((label) => /marking|pay|behaviour/.test(label))).toHaveLength(3);
    }
  });
});

describe('representative quotes', () => {
  const long = [
    'I have taught for twelve years and I have never known morale this low in the staffroom.',
    'Marking is the single biggest drain on my time: written feedback in every book, every fortnight, in three colours.',
    'Nobody reads it, the students least of all, and it is checked in book looks that feel like an inspection.',
    'I would rather spend those hours planning better lessons or talking to the students about their work!',
  ].join(' ');
  const input: ThemeInput[] = [
    ...teacherConsultation(),
    { responseId: 'long', participantId: 'p99', text: `  ${long}\n\nThanks for asking.` },
  ];
  const result = computeThemes(input);
  const texts = new Map(input.map((answer) => [answer.responseId, answer.text]));

  it('are verbatim substrings of their answers, one to three per theme', () => {
    for (const theme of result.themes) {
      expect(theme.representative.length).toBeGreaterThanOrEqual(1);
      expect(theme.representative.length).toBeLessThanOrEqual(3);
      for (const { responseId, quote } of theme.representative) {
        expect(theme.responseIds).toContain(responseId);
        expect(texts.get(responseId)).toContain(quote);
        expect(quote.length).toBeGreaterThan(0);
      }
    }
  });

  it('quote a short answer whole and a long one by its most central sentence', () => {
    const three = [
      { responseId: 'long', participantId: 'p1', text: `  ${long}\n\nThanks for asking.` },
      { responseId: 'short-1', participantId: 'p2', text: 'Marking takes hours every week' },
      { responseId: 'short-2', participantId: 'p3', text: 'Too much marking and written feedback in every book' },
    ];
    const quotes = computeThemes(three).themes[0]?.representative ?? [];
    expect(quotes).toHaveLength(3);
    expect(quotes.find((q) => q.responseId === 'short-1')?.quote).toBe('Marking takes hours every week');
    expect(quotes.find((q) => q.responseId === 'long')?.quote).toBe(
      'Marking is the single biggest drain on my time: written feedback in every book, every fortnight, in three colours.',
    );
  });
});

describe('what is left out and what is folded', () => {
  it('leaves out answers without words', () => {
    const wordless = answers('wordless', WORDLESS, 50);
    const result = computeThemes([...teacherConsultation(), ...wordless]);
    expect(result.leftOut).toEqual(wordless.map((answer) => answer.responseId));
    expect(result.other.responseIds).not.toContain('wordless-0');
    expect(result.themes).toHaveLength(3);
  });

  it('folds a theme of too few people into other', () => {
    const copier = answers(
      'copier',
      ['The photocopier is broken every single morning', 'Fix the photocopier, it jams constantly'],
      60,
    );
    const result = computeThemes([...teacherConsultation(), ...copier]);
    expect(result.other.responseIds).toEqual(expect.arrayContaining(['copier-0', 'copier-1']));
    const asTheme = computeThemes([...teacherConsultation(), ...copier], { minPeople: 2 });
    expect(asTheme.themes.map((theme) => theme.label)).toContain('Photocopier');
  });

  it('counts a person once however many answers they give', () => {
    const onePerson = ['Car parking is full', 'The car park again', 'Car park spaces please', 'Car parking!'].map(
      (text, i) => ({ responseId: `car-${i}`, participantId: 'p-same', text }),
    );
    const result = computeThemes([...teacherConsultation(), ...onePerson]);
    for (const id of ['car-0', 'car-1', 'car-2', 'car-3']) expect(result.other.responseIds).toContain(id);
  });

  it('keeps to maxThemes', () => {
    expect(computeThemes(teacherConsultation(), { maxThemes: 2 }).themes.length).toBeLessThanOrEqual(2);
    expect(computeThemes(teacherConsultation(), { maxThemes: 1 }).themes).toHaveLength(1);
  });
});

describe('small and degenerate inputs', () => {
  it('handles no answers', () => {
    expect(computeThemes([])).toEqual({ themes: [], other: { responseIds: [], people: 0 }, leftOut: [] });
  });

  it('handles one answer', () => {
    const one = [{ responseId: 'r1', participantId: 'p1', text: 'Less marking please' }];
    expect(computeThemes(one)).toEqual({ themes: [], other: { responseIds: ['r1'], people: 1 }, leftOut: [] });
    const theme = computeThemes(one, { minPeople: 1 }).themes[0];
    expect(theme?.label).toBe('Marking');
    expect(theme?.representative).toEqual([{ responseId: 'r1', quote: 'Less marking please' }]);
  });

  it('makes one theme of identical answers, quoted once', () => {
    const same = Array.from({ length: 6 }, (_, i) => ({
      responseId: `s${i}`,
      participantId: `p${i}`,
      text: 'More PPA time',
    }));
    const result = computeThemes(same);
    expect(result.themes).toHaveLength(1);
    expect(result.themes[0]?.label).toBe('PPA time');
    expect(result.themes[0]?.people).toBe(6);
    expect(result.themes[0]?.representative).toEqual([{ responseId: 's0', quote: 'More PPA time' }]);
  });

  it('makes no theme from fewer people than minPeople', () => {
    const two = answers('pay', ['Pay rise now', 'A pay rise please']);
    expect(computeThemes(two).themes).toEqual([]);
    expect(computeThemes(two).other.responseIds).toEqual(['pay-0', 'pay-1']);
  });

  it('puts answers of only stop words in other, not left out', () => {
    const result = computeThemes([{ responseId: 'r1', participantId: 'p1', text: 'I think so, yes' }]);
    expect(result.other.responseIds).toEqual(['r1']);
    expect(result.leftOut).toEqual([]);
  });
});
