/**
 * The one rule for scoring a ranked poll, used by the card, the dashboard, every digest format and the exports
 * (a Borda count): with n options, a first place scores n-1 points, each place below one fewer, the last 0;
 * options a person left unranked score 0 from them.
 */
export const RANKED_SCORING_RULE =
  'Points: with n options, a 1st place scores n-1, each place below one less, the last 0; unranked options score 0.';

/** The points one ranking (best first) gives an option among `optionCount` options. */
export function rankPoints(ranking: readonly string[], optionKey: string, optionCount: number): number {
  const place = ranking.indexOf(optionKey);
  return place < 0 ? 0 : Math.max(0, optionCount - 1 - place);
}
