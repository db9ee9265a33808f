import { kMeans } from './k-means.ts';
import { silhouette } from './map-silhouette.ts';

/**
 * Groups of the placed participants' map points, started from an earlier grouping of the same conversation: each
 * earlier group's centre is the mean of its members' points on the new map (so a component that changed sign
 * moves nothing), groups with no member placed now are dropped, and k-means runs from those centres, newcomers
 * joining the nearest. One run in place of the seeded restarts a full grouping makes. The silhouette is measured
 * on at most SAMPLE points spread evenly over the participants. Null when fewer than two earlier groups remain.
 */
const ITERATIONS = 100;
const SAMPLE = 2000;

export interface WarmStartedGroups {
  readonly labels: Int32Array;
  readonly groupCount: number;
  readonly silhouette: number;
}

export function warmStartedGroups(
  points: Float64Array,
  placedIds: readonly string[],
  earlier: readonly (readonly string[])[],
): WarmStartedGroups | null {
  const rowOf = new Map(placedIds.map((id, row) => [id, row]));
  const centres: number[] = [];
  for (const members of earlier) {
    let x = 0;
    let y = 0;
    let count = 0;
    for (const id of members) {
      const row = rowOf.get(id);
      if (row === undefined) continue;
      x += points[row * 2] as number;
      y += points[row * 2 + 1] as number;
      count++;
    }
    if (count > 0) centres.push(x / count, y / count);
  }
  if (centres.length < 4) return null;
  const clustering = kMeans(points, undefined, Float64Array.from(centres), ITERATIONS);
  if (clustering.count < 2) return null;
  const step = Math.max(1, Math.ceil(placedIds.length / SAMPLE));
  const sampled: number[] = [];
  for (let row = 0; row < placedIds.length; row += step) sampled.push(row);
  const sample = new Float64Array(sampled.length * 2);
  sampled.forEach((row, i) => {
    sample[i * 2] = points[row * 2] as number;
    sample[i * 2 + 1] = points[row * 2 + 1] as number;
  });
  const sampleLabels = Int32Array.from(sampled, (row) => clustering.assignment[row] as number);
  return {
    labels: clustering.assignment,
    groupCount: clustering.count,
    silhouette: silhouette(sample, sampleLabels, clustering.count),
  };
}
