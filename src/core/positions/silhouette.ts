/**
 * Mean silhouette of a labelling of 2-D points ([x0, y0, ...]), unweighted, as Pol.is computes it over base
 * clusters: for each point, a = mean distance to the rest of its group, b = the smallest mean distance to another
 * group, s = (b - a) / max(a, b); a point alone in its group scores 0.
 */
export function silhouette(points: Float64Array, labels: Int32Array, groupCount: number): number {
  const n = labels.length;
  if (n === 0 || groupCount < 2) return 0;
  let total = 0;
  const sums = new Float64Array(groupCount);
  const sizes = new Int32Array(groupCount);
  for (let i = 0; i < n; i++) sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
  for (let i = 0; i < n; i++) {
    const own = labels[i] as number;
    if (sizes[own] === 1) continue;
    sums.fill(0);
    const x = points[i * 2] as number;
    const y = points[i * 2 + 1] as number;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const label = labels[j] as number;
      const dx = x - (points[j * 2] as number);
      const dy = y - (points[j * 2 + 1] as number);
      sums[label] = (sums[label] as number) + Math.sqrt(dx * dx + dy * dy);
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
