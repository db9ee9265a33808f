import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallFailures } from './call-failures.ts';
import type { CallLog } from './call-log.ts';
import { fail, type Method, type SlackResult, type TokenRequirement } from './method-types.ts';
import type { RateLimits } from './rate-limits.ts';
import { type Args, parseBody, parseQuery, readBody, UnreadableBody } from './request-body.ts';
import type { FakeState } from './state.ts';
import type { Tokens } from './tokens.ts';

export interface WebApiDeps {
  methods: Record<string, Method>;
  state: FakeState;
  log: CallLog;
  rateLimits: RateLimits;
  failures: CallFailures;
  /** Methods a test made slow: how long each call waits before it is answered. */
  latencyMs: Map<string, number>;
}

/** Answers `/api/<method>` the way slack.com does: HTTP 200 with `ok: false` for errors, 429 when rate limited. */
export async function answerWebApi(
  method: string,
  request: IncomingMessage,
  response: ServerResponse,
  deps: WebApiDeps,
): Promise<void> {
  let args: Args = parseQuery(new URL(request.url ?? '/', 'http://fake'));
  let answered: Answer;
  const latency = deps.latencyMs.get(method);
  if (latency) await new Promise((resolve) => setTimeout(resolve, latency));
  try {
    args = { ...args, ...(await parseBody(request.headers['content-type'], await readBody(request))).args };
    answered = await answer(method, args, bearerToken(request) ?? stringToken(args.token), deps);
  } catch (error) {
    if (!(error instanceof UnreadableBody)) throw error;
    answered = { result: fail(error.message) };
  }
  const { result, retryAfter } = answered;
  const { token: _token, ...recordedArgs } = args;
  const status = retryAfter === undefined ? 200 : 429;
  deps.log.record({ method, args: recordedArgs, at: Date.now(), status, response: result });
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  response.writeHead(status, headers).end(JSON.stringify(result));
}

interface Answer {
  result: SlackResult;
  retryAfter?: number;
}

async function answer(method: string, args: Args, token: string | undefined, deps: WebApiDeps): Promise<Answer> {
  const spec = deps.methods[method];
  if (!spec) return { result: fail('unknown_method', { req_method: method }) };
  const refusal = tokenProblem(spec.token, token, deps.state.tokens);
  if (refusal) return { result: fail(refusal) };
  const failure = deps.failures.take(method);
  if (failure) return { result: failure };
  const retryAfter = deps.rateLimits.take(method, args);
  if (retryAfter !== undefined) return { result: fail('ratelimited'), retryAfter };
  return { result: await spec.handle({ args, state: deps.state }) };
}

function tokenProblem(requirement: TokenRequirement, token: string | undefined, tokens: Tokens): string | undefined {
  if (requirement === 'none') return undefined;
  if (!token) return 'not_authed';
  const kind = tokens.kindOf(token);
  if (!kind) return 'invalid_auth';
  return kind === requirement ? undefined : 'not_allowed_token_type';
}

function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function stringToken(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
