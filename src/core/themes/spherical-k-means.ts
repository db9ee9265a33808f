import { addToRow, dotRow, normaliseRow, type SparseVector } from './term-vectors.ts';

/**
 * Spherical k-means: k-means on unit vectors under cosine similarity, with centres kept at unit length. Starts by
 * k-means++ (the first start drawn uniformly, each further one with probability proportional to the squared
 * cosine distance to the nearest start so far) from a seeded generator, then alternates assignment and
 * re-centring until no more than one vector in STILL moves (none, below STILL vectors) or cohesion stops growing. Fewer than k distinct vectors give fewer clusters; a cluster left empty is
 * dropped. Vectors must be non-empty.
 */
export interface SphericalClustering {
  readonly k: number;
  /** The cluster of each vector. */
  readonly assignment: Int32Array;
  /** k rows of `dimensions` numbers, each of unit length. */
  readonly centres: Float64Array;
  /** Sum over the vectors of the cosine to their centre: the higher, the tighter. */
  readonly cohesion: number;
}

const MAX_ROUNDS = 100;
// Converged: at most one vector in this many changed cluster in a round (the last few flip-flop for long on
// answers with no clear topics, and move no theme).
const STILL = 1000;
// ...or cohesion grew by less than this share in a round.
const FLAT = 5e-4;

export function sphericalKMeans(
  vectors: readonly SparseVector[],
  dimensions: number,
  k: number,
  random: () => number,
): SphericalClustering {
  const starts = kMeansPlusPlus(vectors, dimensions, k, random);
  const centres = new Float64Array(starts.length * dimensions);
  starts.forEach((start, row) => {
    addToRow(vectors[start] as SparseVector, centres, dimensions, row);
  });
  return fromCentres(vectors, dimensions, centres, starts.length, MAX_ROUNDS);
}

/**
 * Spherical k-means from given unit centres (`count` rows of `dimensions`): every vector assigned to its nearest
 * centre, then at most `rounds` rounds of re-centring and re-assigning, stopping early once converged.
 */
export function fromCentres(
  vectors: readonly SparseVector[],
  dimensions: number,
  initial: Float64Array,
  initialCount: number,
  rounds: number,
): SphericalClustering {
  let centres = initial;
  let count = initialCount;
  const assignment = new Int32Array(vectors.length).fill(-1);
  let step = assign(vectors, centres, dimensions, count, assignment);
  let { cohesion } = step;
  for (let round = 0; round < rounds; round++) {
    ({ centres, count } = recentre(step, dimensions, count, assignment));
    step = assign(vectors, centres, dimensions, count, assignment);
    const gain = step.cohesion - cohesion;
    cohesion = step.cohesion;
    if (step.moved <= Math.floor(vectors.length / STILL) || gain <= FLAT * Math.abs(cohesion)) break;
  }
  return { k: count, assignment, centres, cohesion };
}

function kMeansPlusPlus(
  vectors: readonly SparseVector[],
  dimensions: number,
  k: number,
  random: () => number,
): number[] {
  const starts = [Math.floor(random() * vectors.length)];
  const nearest = new Float64Array(vectors.length).fill(Number.NEGATIVE_INFINITY);
  const weights = new Float64Array(vectors.length);
  const scratch = new Float64Array(dimensions);
  while (true) {
    const latest = vectors[starts.at(-1) as number] as SparseVector;
    addToRow(latest, scratch, dimensions, 0);
    let total = 0;
    let last = -1;
    for (let i = 0; i < vectors.length; i++) {
      nearest[i] = Math.max(nearest[i] as number, dotRow(vectors[i] as SparseVector, scratch, dimensions, 0));
      const distance = Math.max(0, 1 - (nearest[i] as number));
      weights[i] = distance * distance;
      total += distance * distance;
      if (distance > 0) last = i;
    }
    for (const id of latest.ids) scratch[id] = 0;
    // Rounding leaves a copy of a start a distance of about 1e-16 from it: not a new start.
    if (starts.length >= k || total < 1e-9) return starts;
    let draw = random() * total;
    let next = last;
    for (let i = 0; i < weights.length; i++) {
      draw -= weights[i] as number;
      if (draw < 0 && (weights[i] as number) > 0) {
        next = i;
        break;
      }
    }
    starts.push(next);
  }
}

interface Assigned {
  moved: number;
  cohesion: number;
  /** Per centre, the sum of the vectors now assigned to it (row-major, as the centres) and how many there are. */
  sums: Float64Array;
  sizes: Int32Array;
}

/**
 * Every vector to its nearest centre, summing the vectors of each centre on the way (what re-centring needs, in
 * the order it would add them). The centres are laid out term by term (each term's weight in every centre side by
 * side), so one pass over a vector's terms gives its cosine with every centre, summed in the same order as a dot
 * product with each centre would be.
 */
function assign(
  vectors: readonly SparseVector[],
  centres: Float64Array,
  dimensions: number,
  count: number,
  assignment: Int32Array,
): Assigned {
  const byTerm = new Float64Array(dimensions * count);
  for (let c = 0; c < count; c++)
    for (let d = 0; d < dimensions; d++) byTerm[d * count + c] = centres[c * dimensions + d] as number;
  const sums = new Float64Array(count * dimensions);
  const sizes = new Int32Array(count);
  const similarities = new Float64Array(count);
  let moved = 0;
  let cohesion = 0;
  for (let i = 0; i < vectors.length; i++) {
    const { ids, weights } = vectors[i] as SparseVector;
    similarities.fill(0);
    for (let t = 0; t < ids.length; t++) {
      const weight = weights[t] as number;
      const offset = (ids[t] as number) * count;
      for (let c = 0; c < count; c++)
        similarities[c] = (similarities[c] as number) + weight * (byTerm[offset + c] as number);
    }
    let best = 0;
    let bestSimilarity = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < count; c++) {
      if ((similarities[c] as number) > bestSimilarity) {
        best = c;
        bestSimilarity = similarities[c] as number;
      }
    }
    if (assignment[i] !== best) moved++;
    assignment[i] = best;
    cohesion += bestSimilarity;
    sizes[best] = (sizes[best] as number) + 1;
    const row = best * dimensions;
    for (let t = 0; t < ids.length; t++) {
      const at = row + (ids[t] as number);
      sums[at] = (sums[at] as number) + (weights[t] as number);
    }
  }
  return { moved, cohesion, sums, sizes };
}

/** Centres as the normalised sums of their vectors, dropping (and renumbering around) empty clusters. */
function recentre(
  { sums, sizes }: Assigned,
  dimensions: number,
  count: number,
  assignment: Int32Array,
): { centres: Float64Array; count: number } {
  const renumbered = new Int32Array(count);
  let kept = 0;
  for (let c = 0; c < count; c++) renumbered[c] = (sizes[c] as number) > 0 ? kept++ : -1;
  const centres = new Float64Array(kept * dimensions);
  for (let c = 0; c < count; c++)
    if ((renumbered[c] as number) >= 0)
      centres.set(sums.subarray(c * dimensions, (c + 1) * dimensions), (renumbered[c] as number) * dimensions);
  for (let i = 0; i < assignment.length; i++) assignment[i] = renumbered[assignment[i] as number] as number;
  for (let c = 0; c < kept; c++) normaliseRow(centres, dimensions, c);
  return { centres, count: kept };
}
