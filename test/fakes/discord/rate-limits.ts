import { createHash } from 'node:crypto';

export interface RateLimitRule {
  method: string;
  /** A route as recorded in calls, such as `/channels/:channelId/messages`. */
  route: string;
  /** How many of the next calls are refused with 429. */
  times: number;
  retryAfterSeconds: number;
  /** `X-RateLimit-Scope`: 'user' for the bot's own bucket, 'shared' for a resource-wide one. */
  scope?: 'user' | 'shared';
}

interface RateLimitedAnswer {
  status: 429;
  headers: Record<string, string>;
  body: { message: string; retry_after: number; global: false };
}

/**
 * 429s configured by a test. The headers name a bucket per method and route, never one bucket shared by every
 * route: @discordjs/rest queues all calls of a bucket behind each other.
 */
export class RateLimits {
  readonly #rules: RateLimitRule[] = [];

  add(rule: RateLimitRule): void {
    this.#rules.push({ ...rule, method: rule.method.toUpperCase() });
  }

  take(method: string, route: string): RateLimitedAnswer | undefined {
    const rule = this.#rules.find((candidate) => candidate.method === method && candidate.route === route);
    if (!rule || rule.times <= 0) return undefined;
    rule.times -= 1;
    const retryAfter = rule.retryAfterSeconds;
    return {
      status: 429,
      headers: {
        'Retry-After': String(retryAfter),
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset-After': String(retryAfter),
        'X-RateLimit-Bucket': createHash('sha1').update(`${method} ${route}`).digest('hex').slice(0, 16),
        'X-RateLimit-Scope': rule.scope ?? 'user',
      },
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
    };
  }
}
