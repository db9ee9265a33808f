import { meanSilhouette } from '../clustering/mean-silhouette.ts';
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

/** Mean silhouette of a labelling under cosine distance (1 - similarity), from the pairwise similarities. */
export function cosineSilhouette(similarities: Float64Array, labels: Int32Array, groupCount: number): number {
  const m = labels.length;
  return meanSilhouette(labels, groupCount, (i, j) => 1 - (similarities[i * m + j] as number));
}
