import { adjustedRandIndex } from './adjusted-rand-index.ts';
import type { GroupingRun } from './grouping-run.ts';

/**
 * Combines several runs of the clustering into one partition. Pol.is's k-means depends on where it starts, so a
 * single run is one draw among its possible outcomes. The run that agrees best with all the others (highest mean
 * adjusted Rand index) fixes the number of groups and their identities; then each participant joins the group
 * that most runs with that number of groups give them.
 */
export interface ConsensusPartition {
  readonly labels: Int32Array;
  readonly groupCount: number;
  /** Which run was the most typical one. */
  readonly typicalRun: number;
}

function permutations(n: number): number[][] {
  if (n <= 1) return [[0].slice(0, n)];
  return permutations(n - 1).flatMap((rest) =>
    Array.from({ length: n }, (_, at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]),
  );
}

/** The renaming of `run`'s labels that overlaps `reference` the most. */
function bestMatch(run: Int32Array, reference: Int32Array, groupCount: number, orders: number[][]): number[] {
  const overlap = new Int32Array(groupCount * groupCount);
  for (let i = 0; i < run.length; i++) {
    const cell = (run[i] as number) * groupCount + (reference[i] as number);
    overlap[cell] = (overlap[cell] as number) + 1;
  }
  let best = orders[0] as number[];
  let bestOverlap = -1;
  for (const order of orders) {
    let total = 0;
    for (let g = 0; g < groupCount; g++) total += overlap[g * groupCount + (order[g] as number)] as number;
    if (total > bestOverlap) {
      bestOverlap = total;
      best = order;
    }
  }
  return best;
}

export function consensusPartition(runs: readonly GroupingRun[]): ConsensusPartition {
  const agreement = runs.map(() => 0);
  for (let a = 0; a < runs.length; a++) {
    for (let b = a + 1; b < runs.length; b++) {
      const index = adjustedRandIndex((runs[a] as GroupingRun).labels, (runs[b] as GroupingRun).labels);
      agreement[a] = (agreement[a] as number) + index;
      agreement[b] = (agreement[b] as number) + index;
    }
  }
  const typicalRun = agreement.indexOf(Math.max(...agreement));
  const typical = runs[typicalRun] as GroupingRun;
  const { groupCount } = typical;
  const orders = permutations(groupCount);
  const tally = new Int32Array(typical.labels.length * groupCount);
  for (const run of runs) {
    if (run.groupCount !== groupCount) continue;
    const rename = bestMatch(run.labels, typical.labels, groupCount, orders);
    run.labels.forEach((label, i) => {
      const cell = i * groupCount + (rename[label] as number);
      tally[cell] = (tally[cell] as number) + 1;
    });
  }
  const labels = typical.labels.map((own, i) => {
    let best = own;
    for (let g = 0; g < groupCount; g++) {
      if ((tally[i * groupCount + g] as number) > (tally[i * groupCount + best] as number)) best = g;
    }
    return best;
  });
  return { labels, groupCount, typicalRun };
}
