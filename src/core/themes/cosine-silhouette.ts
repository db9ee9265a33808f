import { addToRow, dotRow, type SparseVector } from './term-vectors.ts';

/** Cosine similarities between every pair of some unit vectors, as an m x m matrix. */
export function pairwiseSimilarities(vectors: readonly SparseVector[], dimensions: number): Float64Array {
  const m = vectors.length;
  const similarities = new Float64Array(m * m);
  const scratch = new Float64Array(dimensions);
  for (let i = 0; i < m; i++) {
    const vector = vectors[i] as SparseVector;
    addToRow(vector, scratch, dimensions, 0);
    for (let j = i; j < m; j++) {
      const similarity = dotRow(vectors[j] as SparseVector, scratch, dimensions, 0);
      similarities[i * m + j] = similarity;
      similarities[j * m + i] = similarity;
    }
    for (const id of vector.ids) scratch[id] = 0;
  }
  return similarities;
}

/**
 * Mean silhouette of a labelling under cosine distance (1 - similarity): for each vector, a = mean distance to
 * the rest of its group, b = the smallest mean distance to another group, s = (b - a) / max(a, b); a vector alone
 * in its group scores 0.
 */
export function cosineSilhouette(similarities: Float64Array, labels: Int32Array, groupCount: number): number {
  const m = labels.length;
  if (m === 0 || groupCount < 2) return 0;
  const sizes = new Int32Array(groupCount);
  for (const label of labels) sizes[label] = (sizes[label] as number) + 1;
  const sums = new Float64Array(groupCount);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const own = labels[i] as number;
    if (sizes[own] === 1) continue;
    sums.fill(0);
    for (let j = 0; j < m; j++) {
      const label = labels[j] as number;
      if (j !== i) sums[label] = (sums[label] as number) + 1 - (similarities[i * m + j] as number);
    }
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let g = 0; g < groupCount; g++) {
      if (g !== own && (sizes[g] as number) > 0) b = Math.min(b, (sums[g] as number) / (sizes[g] as number));
    }
    const larger = Math.max(a, b);
    if (Number.isFinite(b) && larger > 0) total += (b - a) / larger;
  }
  return total / m;
}
