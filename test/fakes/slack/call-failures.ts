import { fail, type SlackResult } from './method-types.ts';

export interface CallFailureOptions {
  /** How many of the next calls of the method fail; defaults to 1. `Infinity` for every later call. */
  times?: number;
  /** Fields Slack adds to the error, such as `needed` and `provided` for `missing_scope`. */
  fields?: Record<string, unknown>;
}

interface Rule {
  method: string;
  error: string;
  fields: Record<string, unknown>;
  remaining: number;
}

/** Errors a test has asked Slack to answer with (HTTP 200, `ok: false`), as for `internal_error` or `missing_scope`. */
export class CallFailures {
  private rules: Rule[] = [];

  add(method: string, error: string, options: CallFailureOptions = {}): void {
    this.rules.push({ method, error, fields: options.fields ?? {}, remaining: options.times ?? 1 });
  }

  /** Uses up one failure of this method, if one is waiting, and returns Slack's answer for it. */
  take(method: string): SlackResult | undefined {
    const rule = this.rules.find((candidate) => candidate.method === method);
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return fail(rule.error, rule.fields);
  }
}
