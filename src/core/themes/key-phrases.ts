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
  const inTheme = new Map<number, { sum: number; people: Set<number> }>();
  for (const { vector, person } of members) {
    vector.ids.forEach((id, i) => {
      const term = inTheme.get(id) ?? { sum: 0, people: new Set<number>() };
      term.sum += vector.weights[i] as number;
      term.people.add(person);
      inTheme.set(id, term);
    });
  }
  const minPeople = Math.min(2, new Set(members.map((m) => m.person)).size);
  const rest = everyone.count - members.length;
  const ranked: KeyPhrase[] = [];
  for (const [id, { sum, people }] of inTheme) {
    if (people.size < minPeople) continue;
    const outside = rest > 0 ? ((everyone.sum[id] as number) - sum) / rest : 0;
    const score = sum / members.length - outside;
    if (score > 0) ranked.push({ term: vocabulary.terms[id] as string, score, people: people.size });
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
