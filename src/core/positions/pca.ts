import { seededRandom } from './seeded-random.ts';
import { symmetricEigen } from './symmetric-eigen.ts';
import { UNSEEN, type VoteMatrix } from './vote-matrix.ts';

/**
 * The first two principal components of the vote matrix, as Pol.is computes them: unseen cells are filled with the
 * statement's mean vote over every voter, the columns are centred, and the components are the two leading
 * eigenvectors of (centred matrix)ᵀ(centred matrix), found by power iteration. Filling with the mean and then
 * centring leaves unseen cells at exactly zero, so the work runs over the votes alone. Hidden statements are
 * all-zero columns in Pol.is and add nothing.
 */
export interface PrincipalComponents {
  /** Mean vote of each statement (0 for hidden statements). */
  readonly centre: Float64Array;
  readonly first: Float64Array;
  readonly second: Float64Array;
}

/** The centred votes, row by row (compressed sparse rows). */
interface CentredVotes {
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly value: Float64Array;
  readonly columns: number;
}

const MAX_ITERATIONS = 500;
/** Stop once the two leading vectors turn by less than this (1 - |cos|) in a step. */
const TOLERANCE = 1e-14;

export function columnMeans(matrix: VoteMatrix): Float64Array {
  const columns = matrix.statementIds.length;
  const sums = new Float64Array(columns);
  const seen = new Float64Array(columns);
  const { cells, hidden } = matrix;
  for (let cell = 0, column = 0; cell < cells.length; cell++) {
    const vote = cells[cell] as number;
    if (vote !== UNSEEN && hidden[column] === 0) {
      sums[column] = (sums[column] as number) + vote;
      seen[column] = (seen[column] as number) + 1;
    }
    column = column + 1 === columns ? 0 : column + 1;
  }
  return sums.map((sum, column) => (seen[column] === 0 ? 0 : sum / (seen[column] as number)));
}

function centredVotes(matrix: VoteMatrix, centre: Float64Array): CentredVotes {
  const columns = matrix.statementIds.length;
  const rows = matrix.participantIds.length;
  const { cells, hidden } = matrix;
  let count = 0;
  for (let row = 0; row < rows; row++) {
    for (let c = 0, cell = row * columns; c < columns; c++, cell++)
      if (cells[cell] !== UNSEEN && hidden[c] === 0) count++;
  }
  const rowStart = new Int32Array(rows + 1);
  const column = new Int32Array(count);
  const value = new Float64Array(count);
  let at = 0;
  for (let row = 0; row < rows; row++) {
    rowStart[row] = at;
    const offset = row * columns;
    for (let c = 0; c < columns; c++) {
      const vote = cells[offset + c] as number;
      if (vote === UNSEEN || hidden[c] === 1) continue;
      column[at] = c;
      value[at] = vote - (centre[c] as number);
      at++;
    }
  }
  rowStart[rows] = at;
  return { rowStart, column, value, columns };
}

/** Vectors iterated together; stored interleaved, `block[column * BLOCK + j]`, so each vote reads them at once. */
const BLOCK = 4;

/** out = Xᵀ X block. */
function multiplyByGram(data: CentredVotes, block: Float64Array, out: Float64Array): void {
  const { rowStart, column, value } = data;
  out.fill(0);
  for (let row = 0; row + 1 < rowStart.length; row++) {
    const start = rowStart[row] as number;
    const end = rowStart[row + 1] as number;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let k = start; k < end; k++) {
      const at = (column[k] as number) * BLOCK;
      const x = value[k] as number;
      a0 += x * (block[at] as number);
      a1 += x * (block[at + 1] as number);
      a2 += x * (block[at + 2] as number);
      a3 += x * (block[at + 3] as number);
    }
    for (let k = start; k < end; k++) {
      const at = (column[k] as number) * BLOCK;
      const x = value[k] as number;
      out[at] = (out[at] as number) + x * a0;
      out[at + 1] = (out[at + 1] as number) + x * a1;
      out[at + 2] = (out[at + 2] as number) + x * a2;
      out[at + 3] = (out[at + 3] as number) + x * a3;
    }
  }
}

function dot(block: Float64Array, i: number, other: Float64Array, j: number): number {
  let sum = 0;
  for (let at = 0; at < block.length; at += BLOCK) sum += (block[at + i] as number) * (other[at + j] as number);
  return sum;
}

/** Gram-Schmidt, in place; a vector with nothing left after the earlier ones becomes zero. */
function orthonormalise(block: Float64Array): void {
  for (let j = 0; j < BLOCK; j++) {
    for (let i = 0; i < j; i++) {
      const along = dot(block, j, block, i);
      for (let at = 0; at < block.length; at += BLOCK)
        block[at + j] = (block[at + j] as number) - along * (block[at + i] as number);
    }
    const length = Math.sqrt(dot(block, j, block, j));
    for (let at = 0; at < block.length; at += BLOCK)
      block[at + j] = length > 1e-12 ? (block[at + j] as number) / length : 0;
  }
}

function vector(block: Float64Array, j: number): Float64Array {
  return Float64Array.from({ length: block.length / BLOCK }, (_, c) => block[c * BLOCK + j] as number);
}

/**
 * The two leading eigenvectors of Xᵀ X by power iteration on a block of vectors at once (subspace iteration),
 * rotated each step to the eigenvectors of the block (Rayleigh-Ritz). A single vector, as in Pol.is, converges to
 * the same components, only more slowly when the second and third eigenvalues are close.
 */
function leadingComponents(data: CentredVotes, random: () => number): [Float64Array, Float64Array] {
  const size = data.columns * BLOCK;
  let block = Float64Array.from({ length: size }, () => random() - 0.5);
  orthonormalise(block);
  const product = new Float64Array(size);
  let next = new Float64Array(size);
  const small = new Float64Array(BLOCK * BLOCK);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    multiplyByGram(data, block, product);
    for (let i = 0; i < BLOCK; i++) for (let j = 0; j < BLOCK; j++) small[i * BLOCK + j] = dot(block, i, product, j);
    const { values, vectors } = symmetricEigen(small, BLOCK);
    if (!((values[0] as number) > 0)) return [new Float64Array(data.columns), new Float64Array(data.columns)];
    // next = product x (eigenvectors of the small matrix), i.e. the block turned towards the eigenvectors.
    for (let at = 0; at < size; at += BLOCK) {
      for (let j = 0; j < BLOCK; j++) {
        let sum = 0;
        for (let i = 0; i < BLOCK; i++) sum += (product[at + i] as number) * (vectors[i * BLOCK + j] as number);
        next[at + j] = sum;
      }
    }
    orthonormalise(next);
    const change = Math.max(1 - Math.abs(dot(next, 0, block, 0)), 1 - Math.abs(dot(next, 1, block, 1)));
    [block, next] = [next, block];
    if (change < TOLERANCE) break;
  }
  return [vector(block, 0), vector(block, 1)];
}

export function principalComponents(matrix: VoteMatrix, seed = 1): PrincipalComponents {
  const centre = columnMeans(matrix);
  const data = centredVotes(matrix, centre);
  const [first, second] = leadingComponents(data, seededRandom(seed));
  return { centre, first, second };
}
