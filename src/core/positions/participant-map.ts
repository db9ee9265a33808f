import type { PrincipalComponents } from './pca.ts';
import { UNSEEN, type VoteMatrix } from './vote-matrix.ts';

/**
 * Each participant's place on the two components, as [x0, y0, x1, y1, ...] in matrix row order.
 * Only the statements a participant voted on contribute, and the result is scaled by
 * sqrt(statements / votes) so that sparse voters are not all drawn into the centre (Pol.is's
 * sparsity-aware projection). Pol.is keeps hidden statements as all-zero columns, so they count as voted on.
 */
export function participantMap(matrix: VoteMatrix, components: PrincipalComponents): Float64Array {
  const columns = matrix.statementIds.length;
  const rows = matrix.participantIds.length;
  const { cells, hidden } = matrix;
  const { centre, first, second } = components;
  const hiddenCount = hidden.reduce((sum, flag) => sum + flag, 0);
  const points = new Float64Array(rows * 2);
  for (let row = 0; row < rows; row++) {
    let x = 0;
    let y = 0;
    let votes = hiddenCount;
    const offset = row * columns;
    for (let c = 0; c < columns; c++) {
      const vote = cells[offset + c] as number;
      if (vote === UNSEEN || hidden[c] === 1) continue;
      const centred = vote - (centre[c] as number);
      x += centred * (first[c] as number);
      y += centred * (second[c] as number);
      votes++;
    }
    const scale = Math.sqrt(columns / Math.max(votes, 1));
    points[row * 2] = x * scale;
    points[row * 2 + 1] = y * scale;
  }
  return points;
}
