import { assign, type Bounds, length, widenBounds } from './nearest-centre.ts';

/**
 * Pol.is's k-means on 2-D points ([x0, y0, x1, y1, ...]), optionally weighted.
 * Deterministic: it starts from given centres, assigns each point to its nearest centre, drops centres left
 * without points, moves each centre to the (weighted) mean of its points, and stops once no centre moves by
 * 0.01 or more, or after `maxIterations` further steps.
 */
export interface Clustering {
  /** [x0, y0, x1, y1, ...], one pair per cluster. */
  readonly centres: Float64Array;
  /** The cluster of each point. */
  readonly assignment: Int32Array;
  readonly count: number;
}

const SAME_CENTRE_DISTANCE = 0.01;
/** Bounds pay off only when points far outnumber the k² centre-to-centre distances they need at each step. */
const BOUNDS_WORTHWHILE = 0.1;

/** The first `k` distinct points taken in `order`, as starting centres (Pol.is's init-clusters). */
export function firstDistinctCentres(points: Float64Array, order: ArrayLike<number>, k: number): Float64Array {
  const chosen: number[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < order.length && chosen.length < k * 2; i++) {
    const point = order[i] as number;
    const x = points[point * 2] as number;
    const y = points[point * 2 + 1] as number;
    const key = `${x},${y}`;
    if (taken.has(key)) continue;
    taken.add(key);
    chosen.push(x, y);
  }
  return Float64Array.from(chosen);
}

/** Drops clusters without points (renumbering the rest) and returns the (weighted) mean of each. */
function recentre(
  points: Float64Array,
  weights: Float64Array | undefined,
  k: number,
  assignment: Int32Array,
): Float64Array {
  const sums = new Float64Array(k * 3);
  for (let point = 0; point < assignment.length; point++) {
    const c = assignment[point] as number;
    const weight = weights === undefined ? 1 : (weights[point] as number);
    sums[c * 3] = (sums[c * 3] as number) + weight * (points[point * 2] as number);
    sums[c * 3 + 1] = (sums[c * 3 + 1] as number) + weight * (points[point * 2 + 1] as number);
    sums[c * 3 + 2] = (sums[c * 3 + 2] as number) + weight;
  }
  const renumber = new Int32Array(k).fill(-1);
  const kept = new Float64Array(k * 2);
  let count = 0;
  for (let c = 0; c < k; c++) {
    const total = sums[c * 3 + 2] as number;
    if (total === 0) continue;
    renumber[c] = count;
    kept[count * 2] = (sums[c * 3] as number) / total;
    kept[count * 2 + 1] = (sums[c * 3 + 1] as number) / total;
    count++;
  }
  for (let point = 0; point < assignment.length; point++)
    assignment[point] = renumber[assignment[point] as number] as number;
  return count === k ? kept : kept.slice(0, count * 2);
}

/** Centre numbers ordered by x, then y. */
function lexicalOrder(centres: Float64Array): Int32Array {
  const order = new Int32Array(centres.length / 2);
  for (let c = 0; c < order.length; c++) order[c] = c;
  return order.sort(
    (a, b) =>
      (centres[a * 2] as number) - (centres[b * 2] as number) ||
      (centres[a * 2 + 1] as number) - (centres[b * 2 + 1] as number),
  );
}

/** Pol.is's test for convergence: the sorted centres, paired up, are each closer than 0.01. */
function sameClustering(before: Float64Array, after: Float64Array): boolean {
  const a = lexicalOrder(before);
  const b = lexicalOrder(after);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const ca = a[i] as number;
    const cb = b[i] as number;
    const dx = (before[ca * 2] as number) - (after[cb * 2] as number);
    const dy = (before[ca * 2 + 1] as number) - (after[cb * 2 + 1] as number);
    if (length(dx, dy) >= SAME_CENTRE_DISTANCE) return false;
  }
  return true;
}

export function kMeans(
  points: Float64Array,
  weights: Float64Array | undefined,
  startingCentres: Float64Array,
  maxIterations: number,
): Clustering {
  const n = points.length / 2;
  const bounds: Bounds = { assignment: new Int32Array(n), upper: new Float64Array(n), lower: new Float64Array(n) };
  const k = startingCentres.length / 2;
  const useBounds = n > k * k * BOUNDS_WORTHWHILE;
  let centres = startingCentres;
  for (let remaining = maxIterations; ; remaining--) {
    assign(points, centres, bounds, !useBounds || remaining === maxIterations);
    const before = useBounds ? bounds.assignment.slice() : bounds.assignment;
    const next = recentre(points, weights, centres.length / 2, bounds.assignment);
    const done = remaining === 0 || sameClustering(centres, next);
    if (!done && useBounds) widenBounds(bounds, centres, next, before);
    centres = next;
    if (done) break;
  }
  return { centres, assignment: bounds.assignment, count: centres.length / 2 };
}
