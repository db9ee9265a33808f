/**
 * Honours Slack's `Retry-After`: a rate-limited call waits the time Slack asks, then tries again, and other calls
 * to the same method of the same workspace wait too rather than hitting the limit again. Slack's limits are per
 * method per workspace, so that is the key.
 */

export interface RetryAfterOptions {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Called when Slack says to wait; for logs. */
  onRateLimited?: (key: string, seconds: number, attempt: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** Seconds to wait when the error is Slack's rate limit (the WebClient's `slack_webapi_rate_limited_error`). */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== 'slack_webapi_rate_limited_error') return undefined;
  return typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : 1;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RetryAfterQueue {
  readonly #pausedUntil = new Map<string, number>();
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RetryAfterOptions) {
    this.#sleep = options.sleep ?? realSleep;
  }

  async run<T>(key: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.#waitFor(key);
      try {
        return await call();
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === undefined || attempt >= this.options.maxAttempts) throw error;
        this.options.onRateLimited?.(key, seconds, attempt);
        const until = Date.now() + seconds * 1000;
        this.#pausedUntil.set(key, Math.max(this.#pausedUntil.get(key) ?? 0, until));
      }
    }
  }

  async #waitFor(key: string): Promise<void> {
    for (;;) {
      const until = this.#pausedUntil.get(key);
      const wait = until === undefined ? 0 : until - Date.now();
      if (wait <= 0) {
        this.#pausedUntil.delete(key);
        return;
      }
      await this.#sleep(wait);
    }
  }
}
