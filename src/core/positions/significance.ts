/** Pol.is's significance tests (math/stats.clj), each with one added to every count as a prior. */

/** z for "the share of successes is above one half". */
export function proportionTest(successes: number, trials: number): number {
  const s = successes + 1;
  const n = trials + 1;
  return 2 * Math.sqrt(n) * (s / n - 0.5);
}

/** z for "the share inside is above the share outside". */
export function twoProportionTest(
  successesIn: number,
  successesOut: number,
  trialsIn: number,
  trialsOut: number,
): number {
  const s1 = successesIn + 1;
  const s2 = successesOut + 1;
  const n1 = trialsIn + 1;
  const n2 = trialsOut + 1;
  const pooled = (s1 + s2) / (n1 + n2);
  if (pooled === 1) return 0;
  return (s1 / n1 - s2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
}

/** One-sided 90% confidence. */
export function isSignificant(z: number): boolean {
  return z > 1.2816;
}
