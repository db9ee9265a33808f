import { meanSilhouette } from '../clustering/mean-silhouette.ts';

/** Mean silhouette of a labelling of 2-D points ([x0, y0, ...]) by Euclidean distance, as Pol.is computes it over base clusters. */
export function silhouette(points: Float64Array, labels: Int32Array, groupCount: number): number {
  return meanSilhouette(labels, groupCount, (i, j) => {
    const dx = (points[i * 2] as number) - (points[j * 2] as number);
    const dy = (points[i * 2 + 1] as number) - (points[j * 2 + 1] as number);
    return Math.sqrt(dx * dx + dy * dy);
  });
}
