import type { SparseVector, Vocabulary } from './term-vectors.ts';

/**
 * What sets a theme apart: its terms ranked by their mean weight in the theme's answers less their mean weight in
 * all the other answers, counting only terms that at least two of the theme's people used (one, in a theme of
 * one person). A bigram scoring at least BIGRAM_SHARE of one of its words stands in for that word ("league
 * tables" rather than "league"), and a phrase sharing a word with a better one is skipped. `widestShare`: the
 * most people of the theme who used any one term.
 */
export interface KeyPhrase {
  /** A stem, or two stems joined by a space. */
  readonly term: string;
  readonly score: number;
  /** How many of the theme's people used it. */
  readonly people: number;
}

export interface ThemeMember {
  readonly vector: SparseVector;
  /** Index of the person who wrote the answer. */
  readonly person: number;
}

const MOST = 5;
const BIGRAM_SHARE = 0.6;

export function keyPhrases(
  members: readonly ThemeMember[],
  /** Sum of every clustered answer's vector, and how many there are. */
  everyone: { readonly sum: Float64Array; readonly count: number },
  vocabulary: Vocabulary,
): { phrases: KeyPhrase[]; widestShare: number } {
  // Per term: the sum of its weights in the theme and how many of the theme's people used it, counted in one pass
  // over the members ordered by person.
  const dimensions = vocabulary.terms.length;
  const sums = new Float64Array(dimensions);
  const peopleOf = new Int32Array(dimensions);
  const lastPerson = new Int32Array(dimensions).fill(-1);
  const byPerson = members
    .map((_, i) => i)
    .sort((a, b) => (members[a] as ThemeMember).person - (members[b] as ThemeMember).person);
  const inTheme: number[] = [];
  for (const at of byPerson) {
    const { vector, person } = members[at] as ThemeMember;
    for (let i = 0; i < vector.ids.length; i++) {
      const id = vector.ids[i] as number;
      if (lastPerson[id] === -1) inTheme.push(id);
      sums[id] = (sums[id] as number) + (vector.weights[i] as number);
      if (lastPerson[id] !== person) {
        lastPerson[id] = person;
        peopleOf[id] = (peopleOf[id] as number) + 1;
      }
    }
  }
  const minPeople = Math.min(2, new Set(members.map((m) => m.person)).size);
  const rest = everyone.count - members.length;
  const ranked: KeyPhrase[] = [];
  for (const id of inTheme) {
    const sum = sums[id] as number;
    const people = peopleOf[id] as number;
    if (people < minPeople) continue;
    const outside = rest > 0 ? ((everyone.sum[id] as number) - sum) / rest : 0;
    const score = sum / members.length - outside;
    if (score > 0) ranked.push({ term: vocabulary.terms[id] as string, score, people });
  }
  ranked.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));

  const chosen: KeyPhrase[] = [];
  const used = new Set<string>();
  const isFree = (phrase: KeyPhrase) => phrase.term.split(' ').every((stem) => !used.has(stem));
  for (const next of ranked) {
    if (!isFree(next)) continue;
    const bigram = next.term.includes(' ')
      ? undefined
      : ranked.find(
          (other) =>
            other.term.includes(' ') &&
            other.score >= next.score * BIGRAM_SHARE &&
            other.term.split(' ').includes(next.term) &&
            isFree(other),
        );
    const phrase = bigram ?? next;
    chosen.push(phrase);
    for (const stem of phrase.term.split(' ')) used.add(stem);
    if (chosen.length === MOST) break;
  }
  return { phrases: chosen, widestShare: ranked.reduce((most, phrase) => Math.max(most, phrase.people), 0) };
}
