/**
 * Mean silhouette of a labelling of n items under a distance, unweighted: for each item, a = mean distance to the
 * rest of its group, b = the smallest mean distance to another group, s = (b - a) / max(a, b); an item alone in its
 * group scores 0. Opinion groups use it on map points (Euclidean, as Pol.is), themes on answers (cosine).
 */
export function meanSilhouette(
  labels: Int32Array,
  groupCount: number,
  distance: (i: number, j: number) => number,
): number {
  const n = labels.length;
  if (n === 0 || groupCount < 2) return 0;
  const sizes = new Int32Array(groupCount);
  for (const label of labels) sizes[label] = (sizes[label] as number) + 1;
  const sums = new Float64Array(groupCount);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i] as number;
    if (sizes[own] === 1) continue;
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const label = labels[j] as number;
      sums[label] = (sums[label] as number) + distance(i, j);
    }
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let g = 0; g < groupCount; g++) {
      if (g !== own && (sizes[g] as number) > 0) b = Math.min(b, (sums[g] as number) / (sizes[g] as number));
    }
    const larger = Math.max(a, b);
    if (Number.isFinite(b) && larger > 0) total += (b - a) / larger;
  }
  return total / n;
}
