import type { Args } from './request-body.ts';
import type { FakeState } from './state.ts';

export interface SlackResult {
  ok: boolean;
  error?: string;
  [field: string]: unknown;
}

/** The kind of token a method accepts: bot tokens (xoxb), app-level tokens (xapp), or none (OAuth exchange). */
export type TokenRequirement = 'bot' | 'app' | 'none';

export interface MethodContext {
  args: Args;
  state: FakeState;
}

export interface Method {
  token: TokenRequirement;
  handle(context: MethodContext): SlackResult | Promise<SlackResult>;
}

export function ok(fields: Record<string, unknown> = {}): SlackResult {
  return { ok: true, ...fields };
}

export function fail(error: string, fields: Record<string, unknown> = {}): SlackResult {
  return { ok: false, error, ...fields };
}

/** Slack's answer to arguments that break a schema: the problems go in `response_metadata.messages`. */
export function invalidArguments(problems: string[]): SlackResult {
  return fail('invalid_arguments', {
    response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
  });
}

export function stringArg(args: Args, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function flagArg(args: Args, name: string): boolean {
  const value = args[name];
  return value === true || value === 1 || value === 'true' || value === '1';
}

export function numberArg(args: Args, name: string): number | undefined {
  const value = Number(args[name]);
  return args[name] === undefined || Number.isNaN(value) ? undefined : value;
}
