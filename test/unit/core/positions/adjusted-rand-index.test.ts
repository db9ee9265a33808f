import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, adjustedRandIndexOfGroups } from '../../../../src/core/positions/adjusted-rand-index.ts';

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

  it('gives the same value for group numbers counted in typed arrays', () => {
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let trial = 0; trial < 20; trial++) {
      const a = Int32Array.from({ length: 200 }, () => Math.floor(next() * 3));
      const b = Int32Array.from(a, (label) => (next() < 0.2 ? Math.floor(next() * 4) : label));
      expect(adjustedRandIndexOfGroups(a, b)).toBeCloseTo(adjustedRandIndex(Array.from(a), Array.from(b)), 12);
    }
    expect(adjustedRandIndexOfGroups(new Int32Array([0, 0, 1, 1]), new Int32Array([1, 1, 0, 0]))).toBe(1);
  });
});
