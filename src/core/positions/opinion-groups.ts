import type { ConsensusStatement, GroupInformedConsensus } from './consensus.ts';
import { consensusPartition } from './consensus-partition.ts';
import { describeGroups } from './describe-groups.ts';
import { type GroupingRun, groupingRun } from './grouping-run.ts';
import { placedParticipants, qualifiedParticipants, votesNeededToBePlaced } from './in-conversation.ts';
import { participantMap } from './participant-map.ts';
import { principalComponents } from './pca.ts';
import type { RepresentativeStatement } from './representative-statements.ts';
import { identityOrder, seededRandom, shuffledOrder } from './seeded-random.ts';
import { buildVoteMatrix, type Vote } from './vote-matrix.ts';
import { warmStartedGroups } from './warm-start.ts';

/**
 * Opinion groups from agree/disagree/pass votes, reproducing Pol.is (compdemocracy/polis, math/): participants who
 * voted on at least min(7, statements) statements are placed; every voter is mapped onto the first two principal
 * components of the vote matrix; base clusters and then groups come from k-means, the number of groups from the
 * silhouette; each group is described by its representative statements, the whole conversation by its consensus
 * statements.
 *
 * Groups are only formed once 15 people (Pol.is's own start-up size) have each voted on at least min(7, statements)
 * statements; before that the result says how many more are needed. Pol.is's k-means depends on where it starts and
 * on the conversation's history, so the clustering is run several times from seeded starts and the runs are
 * combined (consensus-partition.ts). The same votes and options always give the same result.
 */
export interface OpinionGroupOptions {
  /** Statements moderated out or marked as meta: their votes count as participation only. */
  hiddenStatementIds?: Iterable<string>;
  /** Placed participants needed before groups are formed (at least 2); Pol.is stops topping its set up at 15. */
  minParticipants?: number;
  /** Clustering runs combined into the result (more: steadier, slower); by default fewer for large conversations. */
  restarts?: number;
  seed?: number;
  /**
   * An earlier grouping of these votes (its groups' members) to update rather than find the groups again: one
   * k-means run from it (warm-start.ts) in place of the seeded restarts. Its stability is kept, as one run cannot
   * measure it.
   */
  startFrom?: { readonly groups: readonly (readonly string[])[]; readonly stability: GroupingStability };
}

export const DEFAULT_MIN_PARTICIPANTS = 15;
/** Runs x placed participants that the default number of runs keeps within, with at least 8 and at most 288 runs. */
const RESTART_BUDGET = 300_000;
const MIN_RESTARTS = 8;
const MAX_RESTARTS = 288;
const GROUP_STARTS = 10;

export interface MapPoint {
  readonly participantId: string;
  readonly x: number;
  readonly y: number;
}

export interface OpinionGroup {
  readonly id: number;
  readonly members: string[];
  readonly centre: { readonly x: number; readonly y: number };
  readonly representative: RepresentativeStatement[];
}

export interface OpinionGroups {
  readonly status: 'grouped';
  /** Number of groups. */
  readonly k: number;
  readonly silhouette: number;
  /**
   * How clear-cut the grouping is: of the clustering runs made, how many found these groups. Reruns give the same
   * groups either way; few agreeing runs mean the votes allow other, near-equal ways to split people.
   */
  readonly stability: GroupingStability;
  /** Every participant who voted, with their group id, or null when they have not voted enough to be placed. */
  readonly participants: ReadonlyMap<string, number | null>;
  /** Largest first. */
  readonly groups: OpinionGroup[];
  readonly consensus: ConsensusStatement[];
  readonly groupInformedConsensus: GroupInformedConsensus[];
  /** Every participant who voted, placed on the two components. */
  readonly map: MapPoint[];
}

export interface GroupingStability {
  readonly runs: number;
  readonly agreeingRuns: number;
}

export interface NotEnoughVotes {
  readonly status: 'not-enough-votes';
  /** People who have voted on enough statements to be placed. */
  readonly peopleWithEnoughVotes: number;
  readonly peopleNeeded: number;
  readonly morePeopleNeeded: number;
  /** Votes each person needs to be placed. */
  readonly votesEachNeeded: number;
  readonly message: string;
}

export type OpinionGroupsResult = OpinionGroups | NotEnoughVotes;

function notEnoughVotes(enough: number, needed: number, votesEach: number): NotEnoughVotes {
  const more = needed - enough;
  return {
    status: 'not-enough-votes',
    peopleWithEnoughVotes: enough,
    peopleNeeded: needed,
    morePeopleNeeded: more,
    votesEachNeeded: votesEach,
    message: `Not enough votes yet: ${more} more ${more === 1 ? 'person needs' : 'people need'} to vote on at least ${votesEach} statements.`,
  };
}

/** Groups numbered largest first (ties: the group whose first member comes first); empty groups dropped. */
function numberBySize(labels: Int32Array, groupCount: number): { labels: Int32Array; groupCount: number } {
  const sizes = new Int32Array(groupCount);
  const first = new Int32Array(groupCount).fill(labels.length);
  labels.forEach((label, i) => {
    sizes[label] = (sizes[label] as number) + 1;
    first[label] = Math.min(first[label] as number, i);
  });
  const ranked = Array.from({ length: groupCount }, (_, g) => g)
    .filter((g) => (sizes[g] as number) > 0)
    .sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || (first[a] as number) - (first[b] as number));
  const rename = new Int32Array(groupCount);
  ranked.forEach((group, id) => {
    rename[group] = id;
  });
  return { labels: labels.map((label) => rename[label] as number), groupCount: ranked.length };
}

/** Several clustering runs from seeded starts, combined (consensus-partition.ts). */
function groupedFromRestarts(points: Float64Array, placedCount: number, seed: number, restartsWanted?: number) {
  const random = seededRandom(seed);
  const runs: GroupingRun[] = [];
  const restarts =
    restartsWanted ?? Math.min(MAX_RESTARTS, Math.max(MIN_RESTARTS, Math.floor(RESTART_BUDGET / placedCount)));
  for (let run = 0; run < restarts; run++) {
    const order = run === 0 ? identityOrder(placedCount) : shuffledOrder(placedCount, random);
    runs.push(groupingRun(points, order, GROUP_STARTS, random));
  }
  const partition = consensusPartition(runs, points);
  return {
    labels: partition.labels,
    groupCount: partition.groupCount,
    silhouette: (runs[partition.typicalRun] as GroupingRun).silhouette,
    stability: { runs: runs.length, agreeingRuns: partition.agreeingRuns },
  };
}

export function computeOpinionGroups(votes: readonly Vote[], options: OpinionGroupOptions = {}): OpinionGroupsResult {
  const matrix = buildVoteMatrix(votes, { hiddenStatementIds: options.hiddenStatementIds ?? [] });
  const qualified = qualifiedParticipants(matrix).length;
  const needed = Math.max(2, options.minParticipants ?? DEFAULT_MIN_PARTICIPANTS);
  if (qualified < needed) return notEnoughVotes(qualified, needed, votesNeededToBePlaced(matrix.statementIds.length));
  const placed = placedParticipants(votes, matrix);

  const seed = options.seed ?? 1;
  const everyone = participantMap(matrix, principalComponents(matrix, seed));
  const points = new Float64Array(placed.length * 2);
  placed.forEach((row, i) => {
    points[i * 2] = everyone[row * 2] as number;
    points[i * 2 + 1] = everyone[row * 2 + 1] as number;
  });

  const warm =
    options.startFrom &&
    warmStartedGroups(
      points,
      Array.from(placed, (row) => matrix.participantIds[row] as string),
      options.startFrom.groups,
    );
  const found = warm
    ? { ...warm, stability: options.startFrom?.stability as GroupingStability }
    : groupedFromRestarts(points, placed.length, seed, options.restarts);
  const { labels, groupCount: k } = numberBySize(found.labels, found.groupCount);

  const groupOfRow = new Int32Array(matrix.participantIds.length).fill(-1);
  placed.forEach((row, i) => {
    groupOfRow[row] = labels[i] as number;
  });
  const description = describeGroups(matrix, groupOfRow, k);
  const groups: OpinionGroup[] = description.representative.map((representative, id) => {
    const members: string[] = [];
    let x = 0;
    let y = 0;
    placed.forEach((row, i) => {
      if (labels[i] !== id) return;
      members.push(matrix.participantIds[row] as string);
      x += points[i * 2] as number;
      y += points[i * 2 + 1] as number;
    });
    return { id, members, centre: { x: x / members.length, y: y / members.length }, representative };
  });

  return {
    status: 'grouped',
    k,
    silhouette: found.silhouette,
    stability: found.stability,
    participants: new Map(
      matrix.participantIds.map((id, row) => [id, groupOfRow[row] === -1 ? null : (groupOfRow[row] as number)]),
    ),
    groups,
    consensus: description.consensus,
    groupInformedConsensus: description.groupInformedConsensus,
    map: matrix.participantIds.map((participantId, row) => ({
      participantId,
      x: everyone[row * 2] as number,
      y: everyone[row * 2 + 1] as number,
    })),
  };
}
