/**
 * A light English suffix stemmer, enough to join the forms people write in chat: plurals, -ing, -ed and -ly,
 * with a final silent "e" dropped so that "change", "changes" and "changing" meet. It changes only plain a-z words
 * and leaves short ones alone; labels never show stems (see surface-forms.ts).
 */
const VOWEL = /[aeiouy]/;
// "planning" -> "plan", but "staffing" stays "staff": only these consonants double before -ing and -ed.
const DOUBLED = /([bdgmnprt])\1$/;
// Words in -ly that are not adverbs.
const NOT_ADVERBS = new Set(['assembly', 'family', 'supply', 'comply', 'anomaly', 'monopoly', 'multiply', 'rally']);

export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  const base = withoutSuffix(word);
  return base.length > 3 && base.endsWith('e') && !base.endsWith('ee') ? base.slice(0, -1) : base;
}

function withoutSuffix(word: string): string {
  if (word.endsWith('ies') || word.endsWith('ied')) return word.length > 4 ? `${word.slice(0, -3)}y` : word;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing')) return verbBase(word, 3);
  // "agreed" -> "agree", but "need" and "speed" are not past tenses.
  if (word.endsWith('eed')) return word.length > 5 ? word.slice(0, -1) : word;
  if (word.endsWith('ed')) return verbBase(word, 2);
  if (word.endsWith('ly')) return word.length >= 6 && !NOT_ADVERBS.has(word) ? word.slice(0, -2) : word;
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** "marking" -> "mark", "planned" -> "plan"; "bring" and "red" keep their ending. */
function verbBase(word: string, suffix: number): string {
  const rest = word.slice(0, -suffix);
  if (rest.length < 3 || !VOWEL.test(rest)) return word;
  return DOUBLED.test(rest) ? rest.slice(0, -1) : rest;
}
