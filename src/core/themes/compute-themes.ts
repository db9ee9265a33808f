import { indexedVectors, indexedVocabulary, TermIndex } from './answer-terms.ts';
import { clusterAnswers } from './cluster-answers.ts';
import { keyPhrases, type ThemeMember } from './key-phrases.ts';
import { representativeQuotes } from './representative-quotes.ts';
import { SurfaceForms } from './surface-forms.ts';
import { addToRow, dotRow, normaliseRow, type SparseVector } from './term-vectors.ts';
import { themeId } from './theme-id.ts';
import { themeLabel } from './theme-label.ts';
import { MIN_SHARED, type ThemeModel, themeModel } from './theme-model.ts';
import { contentWords, hasWords, type Word } from './words.ts';

/**
 * Themes of the written answers to an open question, computed here with no outside service.
 *
 * 1. Words (words.ts): chat markup, links, mentions and emoji shortcodes removed; Unicode letter and digit runs,
 *    lower-cased; numbers and a hand-written list of English stop words and chat filler dropped; a light stemmer
 *    for plurals, -ing, -ed and -ly. Answers with no letters at all are left out (kept in the store, not themed).
 * 2. Vectors (term-vectors.ts): unigrams and bigrams of adjacent words, TF-IDF with sublinear tf, unit length;
 *    terms only one person used are dropped, as they link no one.
 * 3. Clusters (cluster-answers.ts): spherical k-means from seeded k-means++ starts for k = 2..maxThemes, k chosen
 *    by silhouette under cosine distance (fitted on a seeded sample of a few thousand answers, then every answer
 *    assigned to its nearest centre). k-means must place every answer, so an answer that shares nothing with
 *    the rest of its cluster (cosine to the centre of the others below MIN_SHARED) goes to "other" instead.
 * 4. Themes: clusters with fewer than minPeople distinct people fold into "other"; each theme gets key phrases
 *    (key-phrases.ts), a label of the best 1-3 of them as people wrote them (theme-label.ts, surface-forms.ts)
 *    and 1-3 verbatim quotes from the answers nearest its centre (representative-quotes.ts).
 *
 * Deterministic: answers are processed in response-id order, so the same answers and seed give the same themes
 * whatever order they come in.
 */
export { hasWords };

export interface ThemeInput {
  responseId: string;
  participantId: string;
  text: string;
}

export interface ThemeOptions {
  /** Themes with fewer distinct people fold into "other". Default 3. */
  minPeople?: number;
  /** Default 8. */
  maxThemes?: number;
  /** Seeds the clustering's random starts. Default 1. */
  seed?: number;
  /** Beyond this many answers, themes are found on a seeded sample of this many and every answer then placed. */
  fitOn?: number;
  /** Beyond this many answers, the fitted centres are refined on a seeded sample of this many before every answer is placed. */
  refineOn?: number;
  /** Also return the model later answers can be placed with. */
  keepModel?: boolean;
}

export interface Theme {
  /** "t-" and a hash of the sorted response ids. */
  id: string;
  /** The best one to three key phrases as people wrote them: "Marking and feedback". */
  label: string;
  keyPhrases: string[];
  /** Closest to the theme's centre first. */
  responseIds: string[];
  /** Distinct people: several answers from one person count once. */
  people: number;
  /** 1 to 3 answers nearest the centre; each quote is a verbatim substring of its answer's text. */
  representative: { responseId: string; quote: string }[];
}

export interface ThemesResult {
  /** Most people first. */
  themes: Theme[];
  /** Answers in no theme, in the order given. */
  other: { responseIds: string[]; people: number };
  /** Answers with only emoji, links, mentions, numbers or punctuation, in the order given. */
  leftOut: string[];
  /** With `keepModel`: what later answers can be placed with (theme-model.ts); null when nothing was clustered. */
  model?: ThemeModel | null;
}

export function computeThemes(responses: readonly ThemeInput[], options: ThemeOptions = {}): ThemesResult {
  const minPeople = options.minPeople ?? 3;
  const maxThemes = options.maxThemes ?? 8;
  const worded = responses.map((r) => hasWords(r.text));
  const leftOut = responses.filter((_, i) => !worded[i]).map((r) => r.responseId);
  const answers = responses
    .filter((_, i) => worded[i])
    .sort((a, b) => (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0));
  const words = answers.map((answer) => contentWords(answer.text));
  const index = new TermIndex();
  const terms = words.map((w) => index.add(w));
  const personIndex = new Map<string, number>();
  for (const { participantId } of answers)
    if (!personIndex.has(participantId)) personIndex.set(participantId, personIndex.size);
  const authorOf = Int32Array.from(answers, (answer) => personIndex.get(answer.participantId) as number);
  const { vocabulary, vocabularyId } = indexedVocabulary(index, terms, authorOf);
  const dimensions = vocabulary.terms.length;
  const vectors = indexedVectors(terms, vocabularyId, vocabulary);
  const clustered = answers.map((_, i) => i).filter((i) => (vectors[i] as SparseVector).ids.length > 0);
  const maxK = Math.min(maxThemes, Math.floor(clustered.length / Math.max(1, minPeople)));

  const themed = new Set<number>();
  const themes: Theme[] = [];
  let model: ThemeModel | null = null;
  if (maxK >= 1) {
    const clusteredVectors = clustered.map((i) => vectors[i] as SparseVector);
    const clustering = clusterAnswers(
      clusteredVectors,
      dimensions,
      maxK,
      options.seed ?? 1,
      options.fitOn,
      options.refineOn,
    );
    const everyone = { sum: new Float64Array(dimensions), count: clustered.length };
    for (const vector of clusteredVectors) addToRow(vector, everyone.sum, dimensions, 0);
    const surfaces = new SurfaceForms();
    for (const i of clustered) surfaces.add(words[i] as (Word | null)[]);

    const byCluster = Array.from({ length: clustering.k }, () => [] as number[]);
    clustered.forEach((i, at) => {
      byCluster[clustering.assignment[at] as number]?.push(i);
    });
    const similarity = new Float64Array(answers.length);
    // Each cluster's centre for placing later answers: its theme's centre, or the cluster's own when it is none.
    const modelCentres = Float64Array.from(clustering.centres.subarray(0, clustering.k * dimensions));
    const modelThemes: (string | null)[] = Array.from({ length: clustering.k }, () => null);
    for (let c = 0; c < clustering.k; c++) {
      const members = sharingMembers(byCluster[c] as number[], vectors, dimensions);
      const people = new Set(members.map((i) => (answers[i] as ThemeInput).participantId)).size;
      if (people < Math.max(1, minPeople)) continue;
      const centre = new Float64Array(dimensions);
      for (const i of members) addToRow(vectors[i] as SparseVector, centre, dimensions, 0);
      normaliseRow(centre, dimensions, 0);
      for (const i of members) similarity[i] = dotRow(vectors[i] as SparseVector, centre, dimensions, 0);
      members.sort((a, b) => (similarity[b] as number) - (similarity[a] as number) || a - b);
      const themeMembers: ThemeMember[] = members.map((i) => ({
        vector: vectors[i] as SparseVector,
        person: authorOf[i] as number,
      }));
      const found = keyPhrases(themeMembers, everyone, vocabulary);
      // Answers that only pair off on different words ("staff room", "support staff", "behaviour support") are
      // not a theme: some term must be used by minPeople of its people.
      if (found.widestShare < minPeople) continue;
      const phrases = found.phrases.map((phrase) => ({ shown: surfaces.show(phrase.term), score: phrase.score }));
      const responseIds = members.map((i) => (answers[i] as ThemeInput).responseId);
      for (const i of members) themed.add(i);
      // Answers are in response-id order, so members sorted by place are sorted by id: numbers sort faster.
      const id = themeId(Array.from(Int32Array.from(members).sort(), (i) => (answers[i] as ThemeInput).responseId));
      modelCentres.set(centre, c * dimensions);
      modelThemes[c] = id;
      themes.push({
        id,
        label: themeLabel(phrases),
        keyPhrases: phrases.map((phrase) => phrase.shown),
        responseIds,
        people,
        representative: representativeQuotes(
          members.map((i) => answers[i] as ThemeInput),
          centre,
          vocabulary,
        ),
      });
    }
    model = themeModel(vocabulary, modelCentres, modelThemes);
  }
  themes.sort((a, b) => b.people - a.people || b.responseIds.length - a.responseIds.length || (a.id < b.id ? -1 : 1));
  const themedIds = new Set([...themed].map((i) => (answers[i] as ThemeInput).responseId));
  const other = responses.filter((r, i) => worded[i] && !themedIds.has(r.responseId));
  return {
    themes,
    other: { responseIds: other.map((r) => r.responseId), people: new Set(other.map((r) => r.participantId)).size },
    leftOut,
    ...(options.keepModel ? { model } : {}),
  };
}

/** The members of a cluster that share something with the rest of it (see MIN_SHARED); all of a cluster of one. */
function sharingMembers(members: number[], vectors: readonly SparseVector[], dimensions: number): number[] {
  if (members.length < 2) return members;
  const sum = new Float64Array(dimensions);
  for (const i of members) addToRow(vectors[i] as SparseVector, sum, dimensions, 0);
  let squares = 0;
  for (const value of sum) squares += value * value;
  return members.filter((i) => {
    // With |x| = 1 and S the sum including x: cos(x, S - x) = (x.S - 1) / |S - x|.
    const dot = dotRow(vectors[i] as SparseVector, sum, dimensions, 0);
    const rest = Math.sqrt(Math.max(squares - 2 * dot + 1, 1e-12));
    return (dot - 1) / rest >= MIN_SHARED;
  });
}
