import { describe, expect, it } from 'vitest';
import { shownCount } from '../../adapters/web/dashboard/stats.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import { FEWER_THAN_5, isSmall, reportCount, SMALL_GROUP } from '../../src/core/small-counts.ts';

const question = (anonymity: QuestionRecord['anonymity']) => ({ anonymity }) as QuestionRecord;

describe('the small-count rule', () => {
  it('hides every count of an anonymous question below five, none included', () => {
    expect(SMALL_GROUP).toBe(5);
    expect([0, 1, 4, 5, 12].map((n) => reportCount(n, true))).toEqual([
      FEWER_THAN_5,
      FEWER_THAN_5,
      FEWER_THAN_5,
      5,
      12,
    ]);
    expect(isSmall(0, true)).toBe(true);
    expect(isSmall(5, true)).toBe(false);
  });

  it('leaves named and pseudonymous counts exact', () => {
    expect([0, 1, 4].map((n) => reportCount(n, false))).toEqual([0, 1, 4]);
    expect(isSmall(1, false)).toBe(false);
  });

  it('is the rule the organisers’ dashboard shows counts by', () => {
    for (const n of [0, 1, 4, 5, 9]) {
      expect(shownCount(question('anonymous'), n)).toBe(String(reportCount(n, true)));
      expect(shownCount(question('named'), n)).toBe(String(n));
    }
  });
});
