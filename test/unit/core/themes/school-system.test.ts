import { describe, expect, it } from 'vitest';
import { computeThemes } from '../../../../src/core/themes/compute-themes.ts';
import { schoolSystemAnswers } from './school-system-answers.ts';

describe('themes of real-ish answers on improving schools', () => {
  const result = computeThemes(schoolSystemAnswers);
  const texts = new Map(schoolSystemAnswers.map((answer) => [answer.responseId, answer.text]));
  const labels = result.themes.map((theme) => theme.label.toLowerCase());

  it('finds the main topics and names them after them', () => {
    expect(result.themes.length).toBeGreaterThanOrEqual(4);
    expect(result.themes.length).toBeLessThanOrEqual(8);
    for (const topic of [/ofsted|inspection|league tables|accountability/, /fund/, /professional development|cpd/]) {
      expect(
        labels.some((label) => topic.test(label)),
        String(topic),
      ).toBe(true);
    }
  });

  it('keeps the answers about inspection together', () => {
    const ofsted = result.themes.find((theme) => theme.responseIds.includes('r01'));
    expect(ofsted?.responseIds).toEqual(expect.arrayContaining(['r02', 'r07']));
  });

  it('leaves out the emoji and the link, and leaves the off-topic answers in other', () => {
    expect(result.leftOut).toEqual(['r39', 'r40']);
    expect(result.other.responseIds).toEqual(expect.arrayContaining(['r36', 'r37', 'r38']));
  });

  it('counts people, not answers', () => {
    for (const theme of result.themes) {
      const people = new Set(
        theme.responseIds.map((id) => schoolSystemAnswers.find((a) => a.responseId === id)?.participantId),
      );
      expect(theme.people).toBe(people.size);
    }
  });

  it('quotes answers verbatim', () => {
    for (const { responseId, quote } of result.themes.flatMap((theme) => theme.representative)) {
      expect(texts.get(responseId)).toContain(quote);
    }
  });

  it('is the same for the same seed, whatever the order', () => {
    expect(computeThemes([...schoolSystemAnswers].reverse()).themes).toEqual(result.themes);
  });
});
