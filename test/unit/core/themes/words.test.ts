import { describe, expect, it } from 'vitest';
import { hasWords } from '../../../../src/core/themes/compute-themes.ts';
import { sentences } from '../../../../src/core/themes/sentences.ts';
import { stem } from '../../../../src/core/themes/stem.ts';
import { contentWords } from '../../../../src/core/themes/words.ts';

describe('hasWords', () => {
  it('is false for emoji, links, mentions, shortcodes, numbers and punctuation alone', () => {
    for (const text of [
      '😂😂',
      ':thumbsup: :tada:',
      'https://example.com/x?y=1',
      '<@U0123ABC>',
      '<#C0456|staff>',
      '<!here>',
      '<:party:123456789>',
      '<https://gov.uk|>',
      '+1',
      '100%',
      '!!! ...',
      '',
    ]) {
      expect(hasWords(text), text).toBe(false);
    }
  });

  it('is true as soon as there is a word, in any script', () => {
    for (const text of ['ok', '<@U1> agreed 👍', 'Más tiempo', 'συμφωνώ', '時間'])
      expect(hasWords(text), text).toBe(true);
  });
});

describe('content words', () => {
  it('drops markup, stop words and numbers, and breaks phrases where they were', () => {
    const words = contentWords('I really think <@U1> marking policies, https://x.y 3 times a week!');
    expect(words.map((word) => word?.stem ?? '|')).toEqual(['mark', 'policy', '|', 'tim', '|', 'week']);
    expect(words[0]?.surface).toBe('marking');
  });

  it('joins words across apostrophes and hyphens', () => {
    expect(contentWords("Teachers' well-being isn't").map((word) => word?.stem ?? null)).toEqual([
      'teacher',
      null,
      'wellb',
      null,
    ]);
  });
});

describe('the stemmer', () => {
  it('joins plurals, -ing, -ed and -ly forms', () => {
    const same = (...words: string[]) => expect(new Set(words.map(stem)).size, words.join()).toBe(1);
    same('mark', 'marks', 'marking', 'marked');
    same('plan', 'plans', 'planning', 'planned');
    same('change', 'changes', 'changing', 'changed');
    same('policy', 'policies');
    same('class', 'classes');
    same('weekly', 'week');
    same('staff', 'staffing');
  });

  it('leaves words that only look inflected', () => {
    for (const word of ['need', 'bring', 'focus', 'analysis', 'family', 'assembly', 'class', 'ks3']) {
      expect(stem(word).length, word).toBeGreaterThanOrEqual(word.length - 1);
    }
    expect(stem('need')).toBe('need');
    expect(stem('assembly')).toBe('assembly');
  });
});

describe('sentences', () => {
  it('are verbatim pieces split after end punctuation and at line breaks', () => {
    const text = 'First point. Second one!  He asked "why?" Then left.\nFourth line';
    expect(sentences(text)).toEqual(['First point.', 'Second one!', 'He asked "why?"', 'Then left.', 'Fourth line']);
    for (const sentence of sentences(text)) expect(text).toContain(sentence);
  });
});
