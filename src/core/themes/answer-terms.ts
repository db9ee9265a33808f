import { float64Pool, int32Pool } from './array-pool.ts';
import { chooseTerms, packedTerm, packedVector, type SparseVector, type Vocabulary } from './term-vectors.ts';
import type { Word } from './words.ts';

/**
 * The terms of many answers as integer ids into one shared index, so that counting them, finding the vocabulary
 * and building the vectors allocate no string per term: the same unigrams and bigrams, and the same vectors,
 * as termCounts, vocabulary and termVector give one answer at a time.
 */
export interface AnswerTerms {
  /** Term ids of the index, ascending, each once. */
  readonly ids: Int32Array;
  readonly counts: Int32Array;
}

// A bigram's key: the first stem's id times this plus the second's.
const PAIR_SPAN = 2 ** 26;

export class TermIndex {
  private readonly stems = new Map<string, number>();
  private readonly pairs = new Map<number, number>();
  /** Index term id -> "stem" or "stem stem", built only for terms a vocabulary is asked about. */
  private readonly text: (string | undefined)[] = [];
  private readonly pairOf: number[] = [];
  private scratch = new Int32Array(256);
  private readonly pool = int32Pool();

  get size(): number {
    return this.text.length;
  }

  /** The terms of one answer's words (null: a break between phrases), as termCounts counts them. */
  add(words: readonly (Word | null)[]): AnswerTerms {
    if (this.scratch.length < words.length * 2) this.scratch = new Int32Array(words.length * 2);
    let size = 0;
    let previous = -1;
    let previousStem = '';
    for (const word of words) {
      if (!word) {
        previous = -1;
        continue;
      }
      const id = this.stemId(word.stem);
      this.scratch[size++] = id;
      if (previous >= 0 && previousStem !== word.stem) this.scratch[size++] = this.pairId(previous, id);
      previous = id;
      previousStem = word.stem;
    }
    const sorted = sortedPrefix(this.scratch, size);
    let distinct = 0;
    for (let i = 0; i < size; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    const ids = this.pool.take(distinct);
    const counts = this.pool.take(distinct);
    let at = -1;
    for (let i = 0; i < size; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) ids[++at] = sorted[i] as number;
      counts[at] = (counts[at] as number) + 1;
    }
    return { ids, counts };
  }

  term(id: number): string {
    const known = this.text[id];
    if (known !== undefined) return known;
    const pair = this.pairOf[id] as number;
    const shown = `${this.term(Math.floor(pair / PAIR_SPAN))} ${this.term(pair % PAIR_SPAN)}`;
    this.text[id] = shown;
    return shown;
  }

  private stemId(stem: string): number {
    let id = this.stems.get(stem);
    if (id === undefined) {
      id = this.text.length;
      this.stems.set(stem, id);
      this.text.push(stem);
      this.pairOf.push(-1);
    }
    return id;
  }

  private pairId(first: number, second: number): number {
    const key = first * PAIR_SPAN + second;
    let id = this.pairs.get(key);
    if (id === undefined) {
      id = this.text.length;
      this.pairs.set(key, id);
      this.text.push(undefined);
      this.pairOf.push(key);
    }
    return id;
  }
}

// Up to this many, an insertion sort in place beats a typed array's sort (a call into the runtime per answer).
const SMALL = 48;

/** The first `size` numbers of `numbers`, sorted in place. */
function sortedPrefix(numbers: Int32Array, size: number): Int32Array {
  if (size > SMALL) return numbers.subarray(0, size).sort();
  for (let i = 1; i < size; i++) {
    const value = numbers[i] as number;
    let j = i - 1;
    while (j >= 0 && (numbers[j] as number) > value) {
      numbers[j + 1] = numbers[j] as number;
      j--;
    }
    numbers[j + 1] = value;
  }
  return numbers;
}

/** The vocabulary of indexed answers, as `vocabulary` finds it; `people[i]` indexes who wrote `answers[i]`. */
export function indexedVocabulary(
  index: TermIndex,
  answers: readonly AnswerTerms[],
  people: Int32Array,
): { vocabulary: Vocabulary; vocabularyId: Int32Array } {
  const answersUsing = new Int32Array(index.size);
  const firstPerson = new Int32Array(index.size).fill(-1);
  const shared = new Uint8Array(index.size);
  answers.forEach(({ ids }, i) => {
    const person = people[i] as number;
    for (const id of ids) {
      answersUsing[id] = (answersUsing[id] as number) + 1;
      if (firstPerson[id] === -1) firstPerson[id] = person;
      else if (firstPerson[id] !== person) shared[id] = 1;
    }
  });
  const onePerson = new Set(people).size < 2;
  const candidates: number[] = [];
  for (let id = 0; id < index.size; id++) if (onePerson || shared[id]) candidates.push(id);
  const chosen = chooseTerms(
    candidates.map((id) => index.term(id)),
    Int32Array.from(candidates, (id) => answersUsing[id] as number),
    answers.length,
  );
  const vocabularyId = new Int32Array(index.size).fill(-1);
  chosen.picked.forEach((candidate, id) => {
    vocabularyId[candidates[candidate] as number] = id;
  });
  return { vocabulary: chosen.vocabulary, vocabularyId };
}

/** The unit-length TF-IDF vectors of indexed answers, each equal to termVector of its term counts. */
export function indexedVectors(
  answers: readonly AnswerTerms[],
  vocabularyId: Int32Array,
  vocabulary: Vocabulary,
): SparseVector[] {
  const pools = { ids: int32Pool(), weights: float64Pool() };
  let packed = new Float64Array(256);
  return answers.map((answer) => {
    if (packed.length < answer.ids.length) packed = new Float64Array(answer.ids.length);
    let size = 0;
    for (let i = 0; i < answer.ids.length; i++) {
      const id = vocabularyId[answer.ids[i] as number] as number;
      if (id >= 0) packed[size++] = packedTerm(id, answer.counts[i] as number);
    }
    return packedVector(packed.subarray(0, size), vocabulary, pools);
  });
}
