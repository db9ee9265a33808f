import { firstDistinctCentres, kMeans } from './k-means.ts';
import { silhouette } from './map-silhouette.ts';
import { identityOrder, shuffledOrder } from './seeded-random.ts';

/**
 * One pass of Pol.is's clustering over the placed participants' map points:
 * up to 100 base clusters (k-means started from the first distinct points in `order`), then groups formed
 * by k-means over the base-cluster centres weighted by their sizes, for k = 2 up to
 * min(5, 2 + bases / 12), keeping the k with the best silhouette. Participants take their base cluster's group.
 *
 * Where Pol.is's groups start from its own history, each k here tries several starts and keeps the partition
 * that most of them reach.
 */
const BASE_CLUSTERS = 100;
const BASE_ITERATIONS = 100;
const GROUP_ITERATIONS = 20;
const MAX_GROUPS = 5;

export interface GroupingRun {
  /** The group of each point, numbered by first appearance. */
  readonly labels: Int32Array;
  readonly groupCount: number;
  readonly silhouette: number;
}

interface Partition {
  readonly labels: Int32Array;
  readonly groupCount: number;
}

/** Labels renumbered by first appearance, so equal partitions compare equal. */
function canonical(labels: Int32Array): Partition {
  const names = new Map<number, number>();
  const renamed = labels.map((label) => {
    const name = names.get(label) ?? names.size;
    names.set(label, name);
    return name;
  });
  return { labels: renamed, groupCount: names.size };
}

function maxGroups(baseCount: number): number {
  return Math.min(MAX_GROUPS, 2 + Math.floor(baseCount / 12));
}

/** The partition of the base clusters into k groups that most of the starts reach (ties: the earliest start). */
function commonestPartition(
  centres: Float64Array,
  sizes: Float64Array,
  k: number,
  starts: number,
  random: () => number,
): Partition {
  const found = new Map<string, { partition: Partition; times: number }>();
  let commonest: { partition: Partition; times: number } | undefined;
  for (let start = 0; start < starts; start++) {
    const order = start === 0 ? identityOrder(sizes.length) : shuffledOrder(sizes.length, random);
    const clustering = kMeans(centres, sizes, firstDistinctCentres(centres, order, k), GROUP_ITERATIONS);
    const partition = canonical(clustering.assignment);
    const key = partition.labels.join(',');
    const entry = found.get(key) ?? { partition, times: 0 };
    entry.times++;
    found.set(key, entry);
    if (commonest === undefined || entry.times > commonest.times) commonest = entry;
  }
  return (commonest as { partition: Partition }).partition;
}

export function groupingRun(
  points: Float64Array,
  order: Int32Array,
  groupStarts: number,
  random: () => number,
): GroupingRun {
  const base = kMeans(points, undefined, firstDistinctCentres(points, order, BASE_CLUSTERS), BASE_ITERATIONS);
  const sizes = new Float64Array(base.count);
  for (const cluster of base.assignment) sizes[cluster] = (sizes[cluster] as number) + 1;
  let best: { partition: Partition; silhouette: number } | undefined;
  for (let k = 2; k <= maxGroups(base.count); k++) {
    const partition = commonestPartition(base.centres, sizes, k, groupStarts, random);
    if (partition.groupCount < k) continue;
    const score = silhouette(base.centres, partition.labels, partition.groupCount);
    if (best === undefined || score > best.silhouette) best = { partition, silhouette: score };
  }
  if (best === undefined) return { labels: new Int32Array(order.length), groupCount: 1, silhouette: 0 };
  const groupOfBase = best.partition.labels;
  const labels = canonical(base.assignment.map((cluster) => groupOfBase[cluster] as number));
  return { labels: labels.labels, groupCount: labels.groupCount, silhouette: best.silhouette };
}
