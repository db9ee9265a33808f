/**
 * A theme's name from its key phrases, as people wrote them: the first, then the second and third while they
 * score at least half as well, joined as a list: "Marking and feedback", "Pay, pension and workload".
 */
const SHARE_OF_FIRST = 0.5;

/**
 * Describing words that set a theme apart ("written marking", "early career", "evidence based") but do not name
 * what it is about: left out of labels on their own, kept in key phrases and in pairs ("early career").
 */
const NOT_A_TOPIC = new Set([
  'additional',
  'based',
  'better',
  'clear',
  'current',
  'different',
  'early',
  'extra',
  'full',
  'important',
  'key',
  'main',
  'new',
  'proper',
  'real',
  'single',
  'whole',
  'written',
]);

export function themeLabel(phrases: readonly { readonly shown: string; readonly score: number }[]): string {
  const topical = phrases.filter((phrase) => !NOT_A_TOPIC.has(phrase.shown.toLowerCase()));
  const first = topical[0];
  if (!first) return phrases[0] ? capitalised(phrases[0].shown) : 'Other answers';
  const named = topical
    .slice(0, 3)
    .filter((phrase) => phrase.score >= first.score * SHARE_OF_FIRST)
    .map((phrase) => phrase.shown);
  return capitalised(named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : first.shown);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
