import type { ArrayPool } from './array-pool.ts';
import type { Word } from './words.ts';

/**
 * TF-IDF over unigrams and bigrams (two stems written next to each other, keyed "stem stem"). Weight = (1 + ln tf)
 * x idf, idf = ln((1 + answers) / (1 + answers using the term)) + 1, and each answer's vector has unit length so a
 * dot product is a cosine. A term only one person used cannot link anyone to anyone, so it is left out of the
 * vocabulary unless everyone who answered is the same person. The vocabulary is bounded: beyond MAX_TERMS terms
 * only the MAX_TERMS used in the most answers are kept (ties by term), so centres stay small however much is written.
 */
export const MAX_TERMS = 30_000;

export interface SparseVector {
  /** Term ids, ascending. */
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

export interface Vocabulary {
  readonly ids: ReadonlyMap<string, number>;
  readonly terms: readonly string[];
  readonly idf: Float64Array;
}

export function termCounts(words: readonly (Word | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;
    counts.set(word.stem, (counts.get(word.stem) ?? 0) + 1);
    const next = words[i + 1];
    if (next && next.stem !== word.stem) {
      const bigram = `${word.stem} ${next.stem}`;
      counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
    }
  }
  return counts;
}

/** The vocabulary of a set of answers; `people[i]` is who wrote the answer with `counts[i]`. */
export function vocabulary(counts: readonly ReadonlyMap<string, number>[], people: readonly string[]): Vocabulary {
  const answers = new Map<string, number>();
  const firstPerson = new Map<string, string>();
  const shared = new Set<string>();
  counts.forEach((terms, i) => {
    const person = people[i] as string;
    for (const term of terms.keys()) {
      answers.set(term, (answers.get(term) ?? 0) + 1);
      const first = firstPerson.get(term);
      if (first === undefined) firstPerson.set(term, person);
      else if (first !== person) shared.add(term);
    }
  });
  const onePerson = new Set(people).size < 2;
  const linking = [...answers.keys()].filter((term) => onePerson || shared.has(term));
  return chooseTerms(
    linking,
    Int32Array.from(linking, (term) => answers.get(term) as number),
    counts.length,
  ).vocabulary;
}

/**
 * The vocabulary from the terms that link people, `answersUsing[i]` being how many of `answerCount` answers use
 * `terms[i]`: at most MAX_TERMS of them, ids in term order. `picked[id]` is the index in `terms` of term `id`.
 */
export function chooseTerms(
  terms: readonly string[],
  answersUsing: Int32Array,
  answerCount: number,
): { vocabulary: Vocabulary; picked: number[] } {
  const order = terms.map((_, i) => i);
  // Sorted so that ids, and with them every tie, do not depend on the order the answers came in.
  const byTerm = (a: number, b: number) => ((terms[a] as string) < (terms[b] as string) ? -1 : 1);
  const bounded =
    order.length <= MAX_TERMS
      ? order
      : order
          .sort((a, b) => (answersUsing[b] as number) - (answersUsing[a] as number) || byTerm(a, b))
          .slice(0, MAX_TERMS);
  const picked = bounded.sort(byTerm);
  const chosen = picked.map((i) => terms[i] as string);
  const idf = Float64Array.from(picked, (i) => Math.log((1 + answerCount) / (1 + (answersUsing[i] as number))) + 1);
  return { vocabulary: { ids: new Map(chosen.map((term, id) => [term, id])), terms: chosen, idf }, picked };
}

/** The unit-length TF-IDF vector of some term counts; empty when none of the terms is in the vocabulary. */
export function termVector(counts: ReadonlyMap<string, number>, vocabulary: Vocabulary): SparseVector {
  const packed = new Float64Array(counts.size);
  let size = 0;
  for (const [term, count] of counts) {
    const id = vocabulary.ids.get(term);
    if (id !== undefined) packed[size++] = packedTerm(id, count);
  }
  return packedVector(packed.subarray(0, size), vocabulary);
}

/** A term as id x 2^20 + count in one number, so a plain numeric sort puts terms in id order. */
export const packedTerm = (id: number, count: number) => id * COUNT_SPAN + Math.min(count, COUNT_SPAN - 1);

/** The unit-length TF-IDF vector of packed terms (packedTerm), in any order; sorts `packed`. */
export function packedVector(
  packed: Float64Array,
  vocabulary: Vocabulary,
  pools?: { ids: ArrayPool<Int32Array>; weights: ArrayPool<Float64Array> },
): SparseVector {
  const size = packed.length;
  const sorted = packed.sort();
  const ids = pools ? pools.ids.take(size) : new Int32Array(size);
  const weights = pools ? pools.weights.take(size) : new Float64Array(size);
  let squares = 0;
  for (let i = 0; i < size; i++) {
    const entry = sorted[i] as number;
    const id = Math.floor(entry / COUNT_SPAN);
    const weight = (1 + Math.log(entry - id * COUNT_SPAN)) * (vocabulary.idf[id] as number);
    ids[i] = id;
    weights[i] = weight;
    squares += weight * weight;
  }
  const norm = Math.sqrt(squares) || 1;
  for (let i = 0; i < size; i++) weights[i] = (weights[i] as number) / norm;
  return { ids, weights };
}

const COUNT_SPAN = 2 ** 20;

/** Cosine of a unit vector with row `row` of a dense matrix of unit rows. */
export function dotRow(vector: SparseVector, rows: Float64Array, dimensions: number, row: number): number {
  const offset = row * dimensions;
  let sum = 0;
  for (let i = 0; i < vector.ids.length; i++) {
    sum += (vector.weights[i] as number) * (rows[offset + (vector.ids[i] as number)] as number);
  }
  return sum;
}

/** Adds a sparse vector into row `row` of a dense matrix. */
export function addToRow(vector: SparseVector, rows: Float64Array, dimensions: number, row: number): void {
  const offset = row * dimensions;
  for (let i = 0; i < vector.ids.length; i++) {
    const at = offset + (vector.ids[i] as number);
    rows[at] = (rows[at] as number) + (vector.weights[i] as number);
  }
}

/** Scales row `row` to unit length (an all-zero row stays zero). */
export function normaliseRow(rows: Float64Array, dimensions: number, row: number): void {
  const offset = row * dimensions;
  let squares = 0;
  for (let d = 0; d < dimensions; d++) squares += (rows[offset + d] as number) ** 2;
  if (squares === 0) return;
  const scale = 1 / Math.sqrt(squares);
  for (let d = 0; d < dimensions; d++) rows[offset + d] = (rows[offset + d] as number) * scale;
}
