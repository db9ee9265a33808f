/**
 * Adjusted Rand index of two labellings of the same items: 1 for the same partition (whatever the label names),
 * about 0 for chance agreement. Labels are compared by value, so null can stand for "not grouped".
 */
export function adjustedRandIndex(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  if (a.length !== b.length) throw new RangeError('both labellings must cover the same items');
  const n = a.length;
  const together = new Map<unknown, Map<unknown, number>>();
  const sizesA = new Map<unknown, number>();
  const sizesB = new Map<unknown, number>();
  for (let i = 0; i < n; i++) {
    const la = a[i];
    const lb = b[i];
    sizesA.set(la, (sizesA.get(la) ?? 0) + 1);
    sizesB.set(lb, (sizesB.get(lb) ?? 0) + 1);
    const row = together.get(la) ?? new Map<unknown, number>();
    row.set(lb, (row.get(lb) ?? 0) + 1);
    together.set(la, row);
  }
  let index = 0;
  for (const row of together.values()) for (const count of row.values()) index += pairs(count);
  let pairsA = 0;
  for (const size of sizesA.values()) pairsA += pairs(size);
  let pairsB = 0;
  for (const size of sizesB.values()) pairsB += pairs(size);
  return adjusted(n, index, pairsA, pairsB);
}

const pairs = (count: number) => (count * (count - 1)) / 2;

/**
 * The same for labellings by group numbers 0, 1, 2, ... (clustering runs), counted in typed arrays: the consensus of
 * many runs compares every pair of them, and the maps above cost several times more.
 */
export function adjustedRandIndexOfGroups(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) throw new RangeError('both labellings must cover the same items');
  let groupsA = 0;
  let groupsB = 0;
  for (let i = 0; i < a.length; i++) {
    groupsA = Math.max(groupsA, (a[i] as number) + 1);
    groupsB = Math.max(groupsB, (b[i] as number) + 1);
  }
  const together = new Int32Array(groupsA * groupsB);
  const sizesA = new Int32Array(groupsA);
  const sizesB = new Int32Array(groupsB);
  for (let i = 0; i < a.length; i++) {
    const la = a[i] as number;
    const lb = b[i] as number;
    sizesA[la] = (sizesA[la] as number) + 1;
    sizesB[lb] = (sizesB[lb] as number) + 1;
    together[la * groupsB + lb] = (together[la * groupsB + lb] as number) + 1;
  }
  let index = 0;
  for (const count of together) index += pairs(count);
  let pairsA = 0;
  for (const size of sizesA) pairsA += pairs(size);
  let pairsB = 0;
  for (const size of sizesB) pairsB += pairs(size);
  return adjusted(a.length, index, pairsA, pairsB);
}

function adjusted(n: number, index: number, pairsA: number, pairsB: number): number {
  const expected = n < 2 ? 0 : (pairsA * pairsB) / pairs(n);
  const best = (pairsA + pairsB) / 2;
  // Both labellings trivial (one group, or every item alone) and therefore identical.
  if (best === expected) return 1;
  return (index - expected) / (best - expected);
}
