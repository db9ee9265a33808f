import { createHmac } from 'node:crypto';
import { nowSeconds } from './timestamps.ts';

export interface SigningOptions {
  signingSecret: string;
  /** Sign with a different secret, as a forger would. */
  forgeSignature?: boolean;
  /** Use a timestamp ten minutes old; Bolt refuses anything over five. */
  staleTimestamp?: boolean;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Slack's retry headers, sent when it delivers an event again. */
  retryNum?: number;
  retryReason?: string;
  /** Stops waiting for the answer after this long, as Slack does after 3 s. */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** No answer came within `timeoutMs`: the request was abandoned (status 0). */
  timedOut?: boolean;
}

const STALE_BY_SECONDS = 10 * 60;

/** Slack's request signature: v0=HMAC-SHA256 of "v0:<timestamp>:<body>" keyed with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs an Events API callback (JSON) as Slack would. */
export function postSignedEvent(url: string, payload: unknown, options: SigningOptions): Promise<HttpAnswer> {
  return postSigned(url, JSON.stringify(payload), 'application/json', options);
}

/** POSTs an interaction (block_actions, view_submission, ...) as Slack would: form-encoded `payload=<json>`. */
export function postSignedInteraction(url: string, payload: unknown, options: SigningOptions): Promise<HttpAnswer> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(url, body, 'application/x-www-form-urlencoded', options);
}

/** POSTs a slash command as Slack would: its fields form-encoded. */
export function postSignedCommand(
  url: string,
  fields: Record<string, string>,
  options: SigningOptions,
): Promise<HttpAnswer> {
  return postSigned(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SigningOptions,
): Promise<HttpAnswer> {
  const timestamp = options.timestamp ?? nowSeconds() - (options.staleTimestamp ? STALE_BY_SECONDS : 0);
  const secret = options.forgeSignature ? `${options.signingSecret}-forged` : options.signingSecret;
  const headers: Record<string, string> = {
    'content-type': contentType,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  const signal = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal });
    const text = await response.text();
    return { status: response.status, body: text, json: parseJson(text) };
  } catch (error) {
    if (!signal?.aborted) throw error;
    return { status: 0, body: '', json: undefined, timedOut: true };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
