import type { Vote, VoteMatrix } from './vote-matrix.ts';

/**
 * Who is placed on the map and in groups ("in conversation"), by Pol.is's rule: a participant is placed once
 * they have voted on at least min(7, statements so far) statements, and while fewer than 15 are placed the
 * set is topped up with the most active voters. Pol.is applies the rule at each update and never removes
 * anyone, so people who joined early can stay placed with few votes; replaying the votes in time order
 * reproduces that. Only the start needs replaying: once 15 are placed and 7 statements exist, the rule is
 * simply "7 votes", which the final counts answer.
 */
const VOTES_TO_BE_PLACED = 7;
const PLACED_AT_START = 15;

export function votesNeededToBePlaced(statements: number): number {
  return Math.min(VOTES_TO_BE_PLACED, statements);
}

/** Rows of the participants who have voted enough to be placed now. */
export function qualifiedParticipants(matrix: VoteMatrix): Int32Array {
  const needed = votesNeededToBePlaced(matrix.statementIds.length);
  const rows: number[] = [];
  matrix.votesCast.forEach((count, row) => {
    if (count >= needed) rows.push(row);
  });
  return Int32Array.from(rows);
}

/** The k-th smallest value (0-based), rearranging `values` (quickselect). */
function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k] as number;
}

interface Replay {
  readonly placed: Set<number>;
  /** Whether the start is over, so that later votes can only place people through the plain 7-vote rule. */
  readonly settled: boolean;
}

function replayStart(votes: readonly Vote[], inOrder: readonly number[], matrix: VoteMatrix): Replay {
  const rowOf = new Map(matrix.participantIds.map((id, row) => [id, row]));
  const columnOf = new Map(matrix.statementIds.map((id, column) => [id, column]));
  const width = matrix.statementIds.length;
  const counts = new Map<number, number>();
  const voted = new Set<number>();
  const statements = new Set<string>();
  const placed = new Set<number>();
  let touched: number[] = [];
  const update = () => {
    const needed = votesNeededToBePlaced(statements.size);
    for (const row of touched) if ((counts.get(row) as number) >= needed) placed.add(row);
    touched = [];
    if (placed.size < PLACED_AT_START) {
      // Most votes first; on equal counts, whoever voted first (Map order).
      const waiting = [...counts.entries()].filter(([row]) => !placed.has(row)).sort(([, a], [, b]) => b - a);
      for (const [row] of waiting.slice(0, PLACED_AT_START - placed.size)) placed.add(row);
    }
    return placed.size >= PLACED_AT_START && statements.size >= VOTES_TO_BE_PLACED;
  };
  let previousAt: number | undefined;
  for (const i of inOrder) {
    const vote = votes[i] as Vote;
    if (previousAt !== undefined && vote.at !== previousAt && update()) return { placed, settled: true };
    previousAt = vote.at;
    const row = rowOf.get(vote.participantId) as number;
    statements.add(vote.statementId);
    const cell = row * width + (columnOf.get(vote.statementId) as number);
    if (voted.has(cell)) continue;
    voted.add(cell);
    counts.set(row, (counts.get(row) ?? 0) + 1);
    touched.push(row);
  }
  return { placed, settled: update() };
}

/** Replays the earliest votes, taking more of them until the start is over or every vote is replayed. */
function placedAtStart(votes: readonly Vote[], matrix: VoteMatrix): Set<number> {
  // A plain loop: Float64Array.from over millions of objects is many times slower.
  const times = new Float64Array(votes.length);
  for (let i = 0; i < votes.length; i++) times[i] = (votes[i] as Vote).at;
  for (let wanted = 4096; ; wanted *= 8) {
    const all = wanted >= votes.length;
    const cutoff = all ? Number.POSITIVE_INFINITY : kthSmallest(times.slice(), wanted - 1);
    const early: number[] = [];
    for (let i = 0; i < votes.length; i++) if ((times[i] as number) <= cutoff) early.push(i);
    early.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    const replay = replayStart(votes, early, matrix);
    if (replay.settled || all) return replay.placed;
  }
}

/** Rows of the placed participants, in matrix order. */
export function placedParticipants(votes: readonly Vote[], matrix: VoteMatrix): Int32Array {
  const needed = votesNeededToBePlaced(matrix.statementIds.length);
  const counts = matrix.votesCast;
  // Only people short of the final threshold can owe their place to the start.
  const early = counts.some((count) => count < needed) ? placedAtStart(votes, matrix) : new Set<number>();
  const rows: number[] = [];
  counts.forEach((count, row) => {
    if (count >= needed || early.has(row)) rows.push(row);
  });
  return Int32Array.from(rows);
}
