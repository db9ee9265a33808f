/** Half the clustering runs or more finding the same groups: the votes split people one clear way. */
const CLEAR_SHARE = 0.5;

/**
 * How clear-cut opinion groups are, in a sentence for organisers. The groups themselves do not change from one
 * computation to the next; what this says is whether the votes also allow other, near-equal ways to split people.
 */
export function groupingClarity(stability: { runs: number; agreeingRuns: number }): string | null {
  const { runs, agreeingRuns } = stability;
  if (runs === 0) return null;
  if (agreeingRuns / runs >= CLEAR_SHARE)
    return `These groups are clear-cut: ${agreeingRuns} of ${runs} clustering runs found them.`;
  return `These groups are not clear-cut: ${agreeingRuns} of ${runs} clustering runs found them and the others split people differently, so read them as one reasonable grouping rather than the only one.`;
}
