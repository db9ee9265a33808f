import { UNSEEN, type VoteMatrix } from './vote-matrix.ts';

/**
 * Vote counts per group and statement, `agree[group * statements + column]` and so on. `seen` counts every vote,
 * passes included. Participants whose group is -1 are not counted.
 */
export interface GroupTallies {
  readonly groupCount: number;
  readonly agree: Int32Array;
  readonly disagree: Int32Array;
  readonly seen: Int32Array;
}

export function tallyGroups(matrix: VoteMatrix, groupOfRow: Int32Array, groupCount: number): GroupTallies {
  const columns = matrix.statementIds.length;
  const agree = new Int32Array(groupCount * columns);
  const disagree = new Int32Array(groupCount * columns);
  const seen = new Int32Array(groupCount * columns);
  groupOfRow.forEach((group, row) => {
    if (group < 0) return;
    for (let c = 0; c < columns; c++) {
      const vote = matrix.cells[row * columns + c] as number;
      if (vote === UNSEEN) continue;
      const at = group * columns + c;
      seen[at] = (seen[at] as number) + 1;
      if (vote === 1) agree[at] = (agree[at] as number) + 1;
      else if (vote === -1) disagree[at] = (disagree[at] as number) + 1;
    }
  });
  return { groupCount, agree, disagree, seen };
}
