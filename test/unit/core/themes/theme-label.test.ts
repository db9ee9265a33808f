import { describe, expect, it } from 'vitest';
import { themeLabel } from '../../../../src/core/themes/theme-label.ts';

describe('theme labels', () => {
  const phrase = (shown: string, score: number) => ({ shown, score });

  it('names a theme by its best phrases, joined as a list, while they score at least half the first', () => {
    expect(themeLabel([phrase('marking', 1), phrase('feedback', 0.6), phrase('books', 0.2)])).toBe(
      'Marking and feedback',
    );
    expect(themeLabel([phrase('pay', 1), phrase('pension', 0.9), phrase('workload', 0.8)])).toBe(
      'Pay, pension and workload',
    );
  });

  it('leaves describing words out of the label, but keeps them in pairs', () => {
    expect(themeLabel([phrase('marking', 1), phrase('feedback', 0.9), phrase('written', 0.8)])).toBe(
      'Marking and feedback',
    );
    expect(themeLabel([phrase('early career', 1), phrase('based', 0.9), phrase('coaching', 0.8)])).toBe(
      'Early career and coaching',
    );
    expect(themeLabel([phrase('written', 1)])).toBe('Written');
    expect(themeLabel([])).toBe('Other answers');
  });
});
