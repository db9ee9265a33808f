/** A participant's vote on one statement: agree 1, disagree -1, pass 0. */
export type VoteValue = 1 | -1 | 0;

export interface Vote {
  participantId: string;
  statementId: string;
  vote: VoteValue;
  /** When the vote was cast (any increasing number, e.g. epoch milliseconds); the latest vote stands. */
  at: number;
}

/** The cell value of a statement the participant has not voted on (never seen, or skipped). */
export const UNSEEN = -128;

/**
 * Participants x statements, row-major: `cells[row * statementIds.length + column]` is 1, -1, 0 or UNSEEN.
 * Rows and columns are ordered by first vote, as Pol.is adds them to its matrix.
 * A hidden statement (moderated out, or a meta statement) keeps its votes so they still count as participation,
 * but carries no opinion: it is left out of the map, the groups and every list of statements.
 */
export interface VoteMatrix {
  readonly participantIds: readonly string[];
  readonly statementIds: readonly string[];
  readonly hidden: Uint8Array;
  readonly cells: Int8Array;
  /** How many statements each participant has voted on, hidden ones included. */
  readonly votesCast: Int32Array;
}

export interface VoteMatrixOptions {
  hiddenStatementIds?: Iterable<string>;
}

/** Ids numbered in order of first appearance, with the time of their earliest vote. */
interface Numbering {
  readonly index: Map<string, number>;
  readonly firstAt: number[];
}

function number(numbering: Numbering, id: string, at: number): number {
  const found = numbering.index.get(id);
  if (found === undefined) {
    numbering.index.set(id, numbering.firstAt.length);
    numbering.firstAt.push(at);
    return numbering.firstAt.length - 1;
  }
  if (at < (numbering.firstAt[found] as number)) numbering.firstAt[found] = at;
  return found;
}

/** Final positions of the numbered ids: by earliest vote, then by first appearance. */
function positionsByFirstVote(numbering: Numbering): { ids: string[]; position: Int32Array } {
  const { firstAt } = numbering;
  const order = Array.from({ length: firstAt.length }, (_, i) => i).sort(
    (a, b) => (firstAt[a] as number) - (firstAt[b] as number) || a - b,
  );
  const position = new Int32Array(order.length);
  order.forEach((numbered, at) => {
    position[numbered] = at;
  });
  const ids = new Array<string>(order.length);
  for (const [id, numbered] of numbering.index) ids[position[numbered] as number] = id;
  return { ids, position };
}

export function buildVoteMatrix(votes: readonly Vote[], options: VoteMatrixOptions = {}): VoteMatrix {
  const participants: Numbering = { index: new Map(), firstAt: [] };
  const statements: Numbering = { index: new Map(), firstAt: [] };
  const participantOf = new Int32Array(votes.length);
  const statementOf = new Int32Array(votes.length);
  const at = new Float64Array(votes.length);
  for (let i = 0; i < votes.length; i++) {
    const vote = votes[i] as Vote;
    participantOf[i] = number(participants, vote.participantId, vote.at);
    statementOf[i] = number(statements, vote.statementId, vote.at);
    at[i] = vote.at;
  }
  const rows = positionsByFirstVote(participants);
  const columns = positionsByFirstVote(statements);
  const width = columns.ids.length;
  const cells = new Int8Array(rows.ids.length * width).fill(UNSEEN);
  const cellOf = (i: number) =>
    (rows.position[participantOf[i] as number] as number) * width +
    (columns.position[statementOf[i] as number] as number);
  let inTimeOrder = true;
  for (let i = 1; i < votes.length && inTimeOrder; i++) inTimeOrder = (at[i - 1] as number) <= (at[i] as number);
  if (inTimeOrder) {
    for (let i = 0; i < votes.length; i++) cells[cellOf(i)] = (votes[i] as Vote).vote;
  } else {
    // For each cell, the vote that stands: the latest, and on equal times the later one in the list.
    const standing = new Int32Array(cells.length).fill(-1);
    for (let i = 0; i < votes.length; i++) {
      const cell = cellOf(i);
      const current = standing[cell] as number;
      if (current < 0 || (at[current] as number) <= (at[i] as number)) standing[cell] = i;
    }
    for (let cell = 0; cell < standing.length; cell++) {
      const i = standing[cell] as number;
      if (i >= 0) cells[cell] = (votes[i] as Vote).vote;
    }
  }
  const hidden = new Uint8Array(width);
  for (const id of options.hiddenStatementIds ?? []) {
    const numbered = statements.index.get(id);
    if (numbered !== undefined) hidden[columns.position[numbered] as number] = 1;
  }
  return { participantIds: rows.ids, statementIds: columns.ids, hidden, cells, votesCast: countVotes(cells, width) };
}

function countVotes(cells: Int8Array, width: number): Int32Array {
  const counts = new Int32Array(width === 0 ? 0 : cells.length / width);
  for (let row = 0; row < counts.length; row++) {
    let count = 0;
    for (let cell = row * width; cell < (row + 1) * width; cell++) if (cells[cell] !== UNSEEN) count++;
    counts[row] = count;
  }
  return counts;
}
