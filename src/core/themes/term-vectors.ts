import type { Word } from './words.ts';

/**
 * TF-IDF over unigrams and bigrams (two stems written next to each other, keyed "stem stem"). Weight = (1 + ln tf)
 * x idf, idf = ln((1 + answers) / (1 + answers using the term)) + 1, and each answer's vector has unit length so a
 * dot product is a cosine. A term only one person used cannot link anyone to anyone, so it is left out of the
 * vocabulary unless everyone who answered is the same person.
 */
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
  // Sorted so that ids, and with them every tie, do not depend on the order the answers came in.
  const terms = [...answers.keys()].filter((term) => onePerson || shared.has(term)).sort();
  const idf = Float64Array.from(terms, (term) => Math.log((1 + counts.length) / (1 + (answers.get(term) ?? 0))) + 1);
  return { ids: new Map(terms.map((term, id) => [term, id])), terms, idf };
}

/** The unit-length TF-IDF vector of some term counts; empty when none of the terms is in the vocabulary. */
export function termVector(counts: ReadonlyMap<string, number>, vocabulary: Vocabulary): SparseVector {
  const entries: [number, number][] = [];
  for (const [term, count] of counts) {
    const id = vocabulary.ids.get(term);
    if (id !== undefined) entries.push([id, (1 + Math.log(count)) * (vocabulary.idf[id] as number)]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((sum, [, weight]) => sum + weight * weight, 0)) || 1;
  return {
    ids: Int32Array.from(entries, ([id]) => id),
    weights: Float64Array.from(entries, ([, weight]) => weight / norm),
  };
}

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
