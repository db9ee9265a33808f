import { type SparseVector, termCounts, termVector, type Vocabulary } from './term-vectors.ts';
import { contentWords, hasWords } from './words.ts';

/**
 * What a set of themes was found with, kept so that answers written later can be placed without finding the
 * themes again: the vocabulary (terms and their idf) and, per cluster, its centre cut to its heaviest terms and
 * the theme it became (null: folded into "other"). A later answer goes to the cluster whose centre it is nearest;
 * to that cluster's theme when it shares enough with it (as computeThemes asks of every member), else to "other".
 */
export interface ThemeModel {
  terms: string[];
  idf: number[];
  clusters: { theme: string | null; terms: number[]; weights: number[] }[];
}

/** Terms kept per centre: enough that the cosine with the cut centre is, in practice, the cosine with the whole. */
const CENTRE_TERMS = 200;
// As computeThemes: an answer sharing less than this with its cluster's centre belongs to no theme.
export const MIN_SHARED = 0.1;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The model of clusters found on `vocabulary`: `centres` holds `themes.length` unit rows of its terms. */
export function themeModel(vocabulary: Vocabulary, centres: Float64Array, themes: (string | null)[]): ThemeModel {
  const dimensions = vocabulary.terms.length;
  return {
    terms: [...vocabulary.terms],
    idf: Array.from(vocabulary.idf, round),
    clusters: themes.map((theme, c) => {
      const row = centres.subarray(c * dimensions, (c + 1) * dimensions);
      const order = Array.from(row.keys())
        .filter((d) => (row[d] as number) > 0)
        .sort((a, b) => (row[b] as number) - (row[a] as number) || a - b)
        .slice(0, CENTRE_TERMS)
        .sort((a, b) => a - b);
      return { theme, terms: order, weights: order.map((d) => round(row[d] as number)) };
    }),
  };
}

export type Placement = { kind: 'theme'; theme: string } | { kind: 'other' } | { kind: 'left-out' };

/** Places answers written after the model was made, each on its own: a theme, "other", or left out (no words). */
export function answerPlacer(model: ThemeModel): (text: string) => Placement {
  const vocabulary: Vocabulary = {
    ids: new Map(model.terms.map((term, id) => [term, id])),
    terms: model.terms,
    idf: Float64Array.from(model.idf),
  };
  const centres = model.clusters.map((cluster) => {
    const dense = new Map<number, number>();
    cluster.terms.forEach((term, i) => {
      dense.set(term, cluster.weights[i] as number);
    });
    return dense;
  });
  const dot = (vector: SparseVector, centre: Map<number, number>) => {
    let sum = 0;
    for (let i = 0; i < vector.ids.length; i++)
      sum += (vector.weights[i] as number) * (centre.get(vector.ids[i] as number) ?? 0);
    return sum;
  };
  return (text) => {
    if (!hasWords(text)) return { kind: 'left-out' };
    const vector = termVector(termCounts(contentWords(text)), vocabulary);
    if (vector.ids.length === 0) return { kind: 'other' };
    let best = -1;
    let bestSimilarity = Number.NEGATIVE_INFINITY;
    centres.forEach((centre, c) => {
      const similarity = dot(vector, centre);
      if (similarity > bestSimilarity) {
        best = c;
        bestSimilarity = similarity;
      }
    });
    const theme = model.clusters[best]?.theme ?? null;
    return theme !== null && bestSimilarity >= MIN_SHARED ? { kind: 'theme', theme } : { kind: 'other' };
  };
}
