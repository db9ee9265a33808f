import { sentences } from './sentences.ts';
import { dotRow, termCounts, termVector, type Vocabulary } from './term-vectors.ts';
import { contentWords } from './words.ts';

/**
 * Up to three answers that stand for a theme: the closest to its centre, at most one per person and one per
 * wording. Each is quoted verbatim: the whole answer when it can be read at a glance, else its sentence closest
 * to the centre (which may itself be long: it is never cut).
 */
const MOST = 3;
export const WHOLE_ANSWER_CHARACTERS = 280;

export interface QuotableAnswer {
  readonly responseId: string;
  readonly participantId: string;
  readonly text: string;
}

/** `closestFirst`: the theme's answers, closest to the centre first. `centre`: a unit row of `vocabulary`. */
export function representativeQuotes(
  closestFirst: readonly QuotableAnswer[],
  centre: Float64Array,
  vocabulary: Vocabulary,
): { responseId: string; quote: string }[] {
  const people = new Set<string>();
  const wordings = new Set<string>();
  const chosen: { responseId: string; quote: string }[] = [];
  for (const answer of closestFirst) {
    const wording = answer.text.trim().toLowerCase();
    if (people.has(answer.participantId) || wordings.has(wording)) continue;
    people.add(answer.participantId);
    wordings.add(wording);
    chosen.push({ responseId: answer.responseId, quote: quoteOf(answer.text, centre, vocabulary) });
    if (chosen.length === MOST) break;
  }
  return chosen;
}

function quoteOf(text: string, centre: Float64Array, vocabulary: Vocabulary): string {
  const whole = text.trim();
  if (whole.length <= WHOLE_ANSWER_CHARACTERS) return whole;
  let best = whole;
  let bestSimilarity = Number.NEGATIVE_INFINITY;
  for (const sentence of sentences(whole)) {
    const vector = termVector(termCounts(contentWords(sentence)), vocabulary);
    const similarity = dotRow(vector, centre, vocabulary.terms.length, 0);
    if (similarity > bestSimilarity) {
      best = sentence;
      bestSimilarity = similarity;
    }
  }
  return best;
}
