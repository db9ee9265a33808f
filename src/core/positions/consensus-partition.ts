import { adjustedRandIndexOfGroups } from './adjusted-rand-index.ts';
import type { GroupingRun } from './grouping-run.ts';
import { silhouette } from './map-silhouette.ts';
import { length } from './nearest-centre.ts';

/**
 * Combines several runs of the clustering into one partition. Pol.is's k-means depends on where it starts, so a
 * single run is one draw among its possible outcomes; the combination below does not hinge on any one of them.
 */
export interface ConsensusPartition {
  readonly labels: Int32Array;
  readonly groupCount: number;
  /** Which run was the most typical one. */
  readonly typicalRun: number;
  /** Runs whose groups agree with these (adjusted Rand index of at least 0.7), of all the runs made. */
  readonly agreeingRuns: number;
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

/**
 * The number of groups most runs find (ties: the smaller number). Which k a single run picks by silhouette depends on
 * its start; the commonest answer over many runs does not, so a rerun with another seed keeps the same k.
 */
function commonestGroupCount(runs: readonly GroupingRun[]): number {
  const times = new Map<number, number>();
  for (const run of runs) times.set(run.groupCount, (times.get(run.groupCount) ?? 0) + 1);
  let best = 0;
  let bestTimes = 0;
  for (const [count, seen] of [...times].sort((a, b) => a[0] - b[0])) {
    if (seen > bestTimes) {
      best = count;
      bestTimes = seen;
    }
  }
  return best;
}

/**
 * A person the chosen answer's runs put in one group at least this often is settled in it; the others (at the edge
 * between groups, where runs split a base cluster one way or the other) join the group whose settled members'
 * centre is nearest them on the map, so where they land depends on where they stand, not on how many runs fell which
 * way. Measured on the shipped Pol.is conversations: 0.7 and 0.8 each lower one of them.
 */
const SETTLED_SHARE = 0.75;

/** Runs whose partitions agree at least this much (adjusted Rand index) give the same answer. */
const SAME_ANSWER = 0.7;
/** An answer found by at least this share of the runs competes with the commonest one. */
const COMPETING_SHARE = 0.25;
/** Points the silhouette of a competing answer is measured on (an even sample above this). */
const SILHOUETTE_SAMPLE = 2000;

/** Mean silhouette of `labels` over the map points, on an evenly spaced sample of them. */
function pointSilhouette(points: Float64Array, labels: Int32Array, groupCount: number): number {
  const step = Math.max(1, Math.ceil(labels.length / SILHOUETTE_SAMPLE));
  const count = Math.ceil(labels.length / step);
  const sample = new Float64Array(count * 2);
  const sampled = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    sample[s * 2] = points[s * step * 2] as number;
    sample[s * 2 + 1] = points[s * step * 2 + 1] as number;
    sampled[s] = labels[s * step] as number;
  }
  return silhouette(sample, sampled, groupCount);
}

/** The majority labels, with each person held by fewer than SETTLED_SHARE of the runs moved to the nearest centre. */
function placeUnsettled(
  points: Float64Array,
  majority: Int32Array,
  groupCount: number,
  held: (i: number) => number,
): Int32Array {
  const sums = new Float64Array(groupCount * 3);
  majority.forEach((group, i) => {
    if (held(i) < SETTLED_SHARE) return;
    sums[group * 3] = (sums[group * 3] as number) + (points[i * 2] as number);
    sums[group * 3 + 1] = (sums[group * 3 + 1] as number) + (points[i * 2 + 1] as number);
    sums[group * 3 + 2] = (sums[group * 3 + 2] as number) + 1;
  });
  return majority.map((group, i) => {
    if (held(i) >= SETTLED_SHARE) return group;
    let nearest = group;
    let nearestDistance = Number.POSITIVE_INFINITY;
    for (let g = 0; g < groupCount; g++) {
      const settled = sums[g * 3 + 2] as number;
      if (settled === 0) continue;
      const distance = length(
        (points[i * 2] as number) - (sums[g * 3] as number) / settled,
        (points[i * 2 + 1] as number) - (sums[g * 3 + 1] as number) / settled,
      );
      if (distance < nearestDistance) {
        nearest = g;
        nearestDistance = distance;
      }
    }
    return nearest;
  });
}

/**
 * Combines the runs: the commonest number of groups; among the runs with it, the answers they give (runs agreeing
 * with each other); among the answers found often enough to compete, the one whose groups are tightest on the map
 * (silhouette over the participants). That choice depends on the votes, not on which starts a seed drew, so a
 * conversation with two near-equal ways to split keeps the same one from run to run. Each participant then joins
 * the group most runs of that answer give them, or, when those runs are split over them, the group whose settled
 * members are nearest them on the map (placeUnsettled).
 */
export function consensusPartition(runs: readonly GroupingRun[], points: Float64Array): ConsensusPartition {
  const groupCount = commonestGroupCount(runs);
  const candidates = runs.map((run, i) => ({ run, i })).filter(({ run }) => run.groupCount === groupCount);
  const pairwise = candidates.map(() => new Float64Array(candidates.length));
  const agreement = candidates.map(() => 0);
  for (let a = 0; a < candidates.length; a++) {
    for (let b = a + 1; b < candidates.length; b++) {
      const index = adjustedRandIndexOfGroups(
        (candidates[a] as { run: GroupingRun }).run.labels,
        (candidates[b] as { run: GroupingRun }).run.labels,
      );
      (pairwise[a] as Float64Array)[b] = index;
      (pairwise[b] as Float64Array)[a] = index;
      agreement[a] = (agreement[a] as number) + index;
      agreement[b] = (agreement[b] as number) + index;
    }
  }
  // Answers, most typical run first: each run joins the first answer whose typical run it agrees with.
  const byAgreement = candidates.map((_, c) => c).sort((a, b) => (agreement[b] as number) - (agreement[a] as number));
  const answers: number[][] = [];
  for (const c of byAgreement) {
    const answer = answers.find(
      (members) => ((pairwise[members[0] as number] as Float64Array)[c] as number) >= SAME_ANSWER,
    );
    if (answer) answer.push(c);
    else answers.push([c]);
  }
  const largest = Math.max(...answers.map((members) => members.length));
  const competing = answers.filter(
    (members) => members.length === largest || members.length >= COMPETING_SHARE * candidates.length,
  );
  let chosen = competing[0] as number[];
  if (competing.length > 1) {
    let tightest = Number.NEGATIVE_INFINITY;
    for (const members of competing) {
      const typical = (candidates[members[0] as number] as { run: GroupingRun }).run;
      const score = pointSilhouette(points, typical.labels, groupCount);
      if (score > tightest) {
        tightest = score;
        chosen = members;
      }
    }
  }
  const { run: typical, i: typicalRun } = candidates[chosen[0] as number] as { run: GroupingRun; i: number };
  const orders = permutations(groupCount);
  const tally = new Int32Array(typical.labels.length * groupCount);
  for (const c of chosen) {
    const { run } = candidates[c] as { run: GroupingRun };
    const rename = bestMatch(run.labels, typical.labels, groupCount, orders);
    run.labels.forEach((label, i) => {
      const cell = i * groupCount + (rename[label] as number);
      tally[cell] = (tally[cell] as number) + 1;
    });
  }
  const majority = typical.labels.map((own, i) => {
    let best = own;
    for (let g = 0; g < groupCount; g++) {
      if ((tally[i * groupCount + g] as number) > (tally[i * groupCount + best] as number)) best = g;
    }
    return best;
  });
  const held = (i: number) => (tally[i * groupCount + (majority[i] as number)] as number) / chosen.length;
  const labels = placeUnsettled(points, majority, groupCount, held);
  const agreeingRuns = runs.filter((run) => adjustedRandIndexOfGroups(run.labels, labels) >= SAME_ANSWER).length;
  return { labels, groupCount, typicalRun, agreeingRuns };
}
