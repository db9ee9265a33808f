/**
 * A theme's name from its key phrases, as people wrote them: the first, then the second and third while they
 * score at least half as well, joined as a list: "Marking and feedback", "Pay, pension and workload".
 */
const SHARE_OF_FIRST = 0.5;

export function themeLabel(phrases: readonly { readonly shown: string; readonly score: number }[]): string {
  const first = phrases[0];
  if (!first) return 'Other answers';
  const named = phrases
    .slice(0, 3)
    .filter((phrase) => phrase.score >= first.score * SHARE_OF_FIRST)
    .map((phrase) => phrase.shown);
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : first.shown;
  return list.charAt(0).toUpperCase() + list.slice(1);
}
