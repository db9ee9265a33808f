export interface RateLimitOptions {
  /** How many of the next matching calls are refused. Defaults to 1. */
  times?: number;
  /** The `Retry-After` header, in seconds. Defaults to 1. */
  retryAfterSeconds?: number;
  /** Only calls for this channel are refused. */
  channel?: string;
}

interface Rule {
  method: string;
  channel?: string;
  remaining: number;
  retryAfterSeconds: number;
}

/** Rate limits a test has asked for: the matching calls are answered with HTTP 429. */
export class RateLimits {
  private rules: Rule[] = [];

  add(method: string, options: RateLimitOptions = {}): void {
    this.rules.push({
      method,
      channel: options.channel,
      remaining: options.times ?? 1,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
    });
  }

  /** Uses up one refusal for this call, if a rule matches, and returns its Retry-After in seconds. */
  take(method: string, args: Record<string, unknown>): number | undefined {
    const rule = this.rules.find(
      (candidate) =>
        candidate.method === method && (candidate.channel === undefined || candidate.channel === args.channel),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule.retryAfterSeconds;
  }
}
