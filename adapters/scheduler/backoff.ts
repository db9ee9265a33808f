/** 1 minute, 5 minutes, 30 minutes, 2 hours, then 6 hours between attempts. */
export const DEFAULT_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** How long to wait after failed attempt `attempt` (1 = the first) before the next; the last delay repeats. */
export function retryDelay(attempt: number, delays: number[] = DEFAULT_RETRY_DELAYS_MS): number {
  if (delays.length === 0) return 0;
  const index = Math.min(Math.max(attempt, 1), delays.length) - 1;
  return delays[index] as number;
}
