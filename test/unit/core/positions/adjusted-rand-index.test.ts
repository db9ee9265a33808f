import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../../../src/core/positions/adjusted-rand-index.ts';

describe('adjusted Rand index', () => {
  it('is 1 for the same partition under other names', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], ['b', 'b', 'a', 'a', 'c'])).toBe(1);
  });

  it('matches known values', () => {
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.24242424242424246, 12);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it('treats null as one more label', () => {
    expect(adjustedRandIndex(['x', 'x', 'y', 'y'], [1, 1, null, null])).toBe(1);
  });
});
