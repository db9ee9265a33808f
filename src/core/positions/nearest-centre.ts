/**
 * Assigning 2-D points to their nearest centre, for k-means. The centres are searched outwards from the point's
 * x, stopping once the x gap alone exceeds the second-nearest distance found; and between steps, distance bounds
 * (Hamerly's method) let most points keep their centre without any search. Assignments are the same as checking
 * every centre, ties going to the lower-numbered centre.
 */

/** Up to this many centres, checking them all beats any search. */
const FEW_CENTRES = 8;

/** Per point: its cluster, an upper bound on the distance to it, and a lower bound on the distance to any other. */
export interface Bounds {
  readonly assignment: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

// Math.hypot is far slower than this in V8, and the k-means loops are hot.
export function length(dx: number, dy: number): number {
  return Math.sqrt(dx * dx + dy * dy);
}

function distance(points: Float64Array, point: number, centres: Float64Array, c: number): number {
  return length(
    (points[point * 2] as number) - (centres[c * 2] as number),
    (points[point * 2 + 1] as number) - (centres[c * 2 + 1] as number),
  );
}

/** The centres sorted by x, so a search can stop once the x gap alone exceeds the distances found. */
interface CentresByX {
  readonly x: Float64Array;
  readonly centre: Int32Array;
  /** Where each centre sits in the sorted order. */
  readonly rank: Int32Array;
}

function sortByX(centres: Float64Array): CentresByX {
  const k = centres.length / 2;
  const centre = Int32Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => (centres[a * 2] as number) - (centres[b * 2] as number) || a - b,
  );
  const rank = new Int32Array(k);
  centre.forEach((c, at) => {
    rank[c] = at;
  });
  return { x: Float64Array.from(centre, (c) => centres[c * 2] as number), centre, rank };
}

/** The first sorted position whose x is at least `x`. */
function positionOf(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < x) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, sorted.length - 1);
}

/**
 * Exact nearest and second-nearest distances for one point, walking outwards in x from `start`.
 * Ties go to the lower-numbered centre, as a plain scan in centre order would give.
 */
function search(
  points: Float64Array,
  point: number,
  centres: Float64Array,
  byX: CentresByX,
  start: number,
  bounds: Bounds,
): void {
  const px = points[point * 2] as number;
  let best = -1;
  let nearest = Number.POSITIVE_INFINITY;
  let second = Number.POSITIVE_INFINITY;
  let left = start - 1;
  let right = start;
  while (left >= 0 || right < byX.x.length) {
    const gapLeft = left >= 0 ? px - (byX.x[left] as number) : Number.POSITIVE_INFINITY;
    const gapRight = right < byX.x.length ? (byX.x[right] as number) - px : Number.POSITIVE_INFINITY;
    if (Math.min(gapLeft, gapRight) > second) break;
    const c = byX.centre[gapRight <= gapLeft ? right++ : left--] as number;
    const d = distance(points, point, centres, c);
    if (d < nearest || (d === nearest && c < best)) {
      second = nearest;
      nearest = d;
      best = c;
    } else if (d < second) second = d;
  }
  bounds.assignment[point] = best;
  bounds.upper[point] = nearest;
  bounds.lower[point] = second;
}

/** Half the distance from each centre to its closest other centre: nearer than that, a point cannot switch. */
function halfGaps(centres: Float64Array): Float64Array {
  const k = centres.length / 2;
  const gaps = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const d =
        length(
          (centres[a * 2] as number) - (centres[b * 2] as number),
          (centres[a * 2 + 1] as number) - (centres[b * 2 + 1] as number),
        ) / 2;
      if (d < (gaps[a] as number)) gaps[a] = d;
      if (d < (gaps[b] as number)) gaps[b] = d;
    }
  }
  return gaps;
}

/** Nearest and second-nearest centre by checking them all: quickest when there are only a few. */
function scan(points: Float64Array, point: number, centres: Float64Array, bounds: Bounds): void {
  let best = 0;
  let nearest = Number.POSITIVE_INFINITY;
  let second = Number.POSITIVE_INFINITY;
  for (let c = 0; c < centres.length / 2; c++) {
    const d = distance(points, point, centres, c);
    if (d < nearest) {
      second = nearest;
      nearest = d;
      best = c;
    } else if (d < second) second = d;
  }
  bounds.assignment[point] = best;
  bounds.upper[point] = nearest;
  bounds.lower[point] = second;
}

/** Assigns every point to its nearest centre; `afresh` searches for all of them instead of trusting the bounds. */
export function assign(points: Float64Array, centres: Float64Array, bounds: Bounds, afresh: boolean): void {
  if (centres.length / 2 <= FEW_CENTRES) {
    for (let point = 0; point < bounds.assignment.length; point++) scan(points, point, centres, bounds);
    return;
  }
  const gaps = afresh ? undefined : halfGaps(centres);
  const byX = sortByX(centres);
  for (let point = 0; point < bounds.assignment.length; point++) {
    if (afresh) {
      search(points, point, centres, byX, positionOf(byX.x, points[point * 2] as number), bounds);
      continue;
    }
    const own = bounds.assignment[point] as number;
    const limit = Math.max(bounds.lower[point] as number, (gaps as Float64Array)[own] as number);
    if ((bounds.upper[point] as number) <= limit) continue;
    const exact = distance(points, point, centres, own);
    bounds.upper[point] = exact;
    if (exact <= limit) continue;
    search(points, point, centres, byX, byX.rank[own] as number, bounds);
  }
}

/**
 * Keeps the bounds valid after the centres move: a point's own centre may now be farther by its drift, and any
 * other centre nearer by the largest drift. `previous` is the assignment before the centres were renumbered.
 */
export function widenBounds(bounds: Bounds, before: Float64Array, after: Float64Array, previous: Int32Array): void {
  const moved = drifts(before, after, bounds.assignment, previous);
  let largest = 0;
  for (const m of moved) largest = Math.max(largest, m);
  for (let point = 0; point < bounds.assignment.length; point++) {
    bounds.upper[point] = (bounds.upper[point] as number) + (moved[bounds.assignment[point] as number] as number);
    bounds.lower[point] = (bounds.lower[point] as number) - largest;
  }
}

/** How far each kept centre moved; `before` is indexed by the old numbering, `after` by the new. */
function drifts(
  before: Float64Array,
  after: Float64Array,
  assignment: Int32Array,
  oldAssignment: Int32Array,
): Float64Array {
  const moved = new Float64Array(after.length / 2);
  for (let point = 0; point < assignment.length; point++) {
    const now = assignment[point] as number;
    const was = oldAssignment[point] as number;
    moved[now] = length(
      (after[now * 2] as number) - (before[was * 2] as number),
      (after[now * 2 + 1] as number) - (before[was * 2 + 1] as number),
    );
  }
  return moved;
}
