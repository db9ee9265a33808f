import { seededRandom, shuffledOrder } from '../positions/seeded-random.ts';
import { cosineSilhouette, pairwiseSimilarities } from './cosine-silhouette.ts';
import { fromCentres, type SphericalClustering, sphericalKMeans } from './spherical-k-means.ts';
import type { SparseVector } from './term-vectors.ts';

/**
 * Clusters answers' vectors: spherical k-means for each k from 2 to `maxK`, the tightest of a few seeded starts
 * for each, keeping the k with the highest silhouette under cosine distance; one cluster when no split reaches
 * MIN_SILHOUETTE. The silhouette is measured on at most SAMPLE answers drawn with the seed, so that choosing k
 * stays linear in the number of answers.
 *
 * Beyond FIT answers, k and the centres are found on FIT answers drawn with the seed (choosing among 28 clusterings
 * is where the time goes); then the centres are refined for at most REFINE_ROUNDS rounds over REFINE answers drawn
 * with the seed (the FIT ones among them; every answer, when there are fewer), and every answer is then assigned
 * exactly to its nearest refined centre. Up to FIT answers nothing is sampled. The same vectors and seed always
 * give the same clustering.
 */
const STARTS = 4;
const SAMPLE = 1000;
export const FIT = 3000;
export const REFINE = 20_000;
const REFINE_ROUNDS = 20;
// Below this no split is clean enough to be worth more than one theme.
const MIN_SILHOUETTE = 0.02;

export function clusterAnswers(
  vectors: readonly SparseVector[],
  dimensions: number,
  maxK: number,
  seed: number,
  fitOn = FIT,
  refineOn = REFINE,
): SphericalClustering {
  if (vectors.length <= fitOn) return chooseClustering(vectors, dimensions, maxK, seed);
  const drawn = shuffledOrder(vectors.length, seededRandom(seed + 2));
  const sample = (size: number) =>
    [...drawn.subarray(0, size)].sort((a, b) => a - b).map((i) => vectors[i] as SparseVector);
  const fitted = chooseClustering(sample(fitOn), dimensions, maxK, seed);
  if (vectors.length <= refineOn) return fromCentres(vectors, dimensions, fitted.centres, fitted.k, REFINE_ROUNDS);
  const refined = fromCentres(sample(refineOn), dimensions, fitted.centres, fitted.k, REFINE_ROUNDS);
  return fromCentres(vectors, dimensions, refined.centres, refined.k, 0);
}

function chooseClustering(
  vectors: readonly SparseVector[],
  dimensions: number,
  maxK: number,
  seed: number,
): SphericalClustering {
  const random = seededRandom(seed);
  let best = sphericalKMeans(vectors, dimensions, 1, random);
  if (maxK < 2 || vectors.length < 3) return best;
  const order = shuffledOrder(vectors.length, seededRandom(seed + 1));
  const sample = [...order.subarray(0, Math.min(SAMPLE, vectors.length))].sort((a, b) => a - b);
  const similarities = pairwiseSimilarities(
    sample.map((i) => vectors[i] as SparseVector),
    dimensions,
  );
  let bestScore = MIN_SILHOUETTE;
  for (let k = 2; k <= maxK; k++) {
    let tightest: SphericalClustering | undefined;
    for (let start = 0; start < STARTS; start++) {
      const clustering = sphericalKMeans(vectors, dimensions, k, random);
      if (!tightest || clustering.cohesion > tightest.cohesion + 1e-9) tightest = clustering;
    }
    const clustering = tightest as SphericalClustering;
    const labels = Int32Array.from(sample, (i) => clustering.assignment[i] as number);
    const score = cosineSilhouette(similarities, labels, clustering.k);
    if (score > bestScore + 1e-9) {
      best = clustering;
      bestScore = score;
    }
  }
  return best;
}
