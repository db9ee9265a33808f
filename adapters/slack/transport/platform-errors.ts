import { AgoraError } from '../../../src/core/errors.ts';

/**
 * Slack's refusals, turned into what an organiser can act on. `retryable` says whether trying again can help
 * without anyone changing anything first (or after the simple fix the advice names, like inviting the app).
 */

interface Advice {
  retryable: boolean;
  advice: (where: string) => string;
}

const ADVICE: Record<string, Advice> = {
  not_in_channel: {
    retryable: true,
    advice: (where) => `Agora is not a member of ${where}: invite @Agora there (/invite @Agora); the job retries.`,
  },
  channel_not_found: {
    retryable: false,
    advice: (where) =>
      `Slack cannot find ${where}: check its id in CHANNEL_MAP, or, if it is a private channel, invite @Agora to it first.`,
  },
  is_archived: {
    retryable: false,
    advice: (where) => `${where} is archived: unarchive it or map the placeholder to another channel in CHANNEL_MAP.`,
  },
  ratelimited: {
    retryable: true,
    advice: (where) => `Slack is rate-limiting Agora's posts to ${where}; the job retries later.`,
  },
  invalid_auth: {
    retryable: false,
    advice: () => 'The Slack token was refused: check SLACK_BOT_TOKEN, or reinstall the app in this workspace.',
  },
  token_revoked: {
    retryable: false,
    advice: () => 'The app was removed from this workspace: reinstall it (the "Add to Slack" link) to continue.',
  },
  account_inactive: {
    retryable: false,
    advice: () => 'The app was removed from this workspace: reinstall it (the "Add to Slack" link) to continue.',
  },
  missing_scope: {
    retryable: false,
    advice: () => 'The app lacks a permission it needs: reinstall it from adapters/slack/manifest.yaml.',
  },
};

/** Refusals someone with rights in the channel or the workspace must fix: the core tells the organisers. */
const ACCESS = new Set(['not_in_channel', 'missing_scope', 'channel_not_found']);

const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'timeout']);

export interface SlackFailure {
  /** Slack's error string, or the WebClient's error code when the request did not get an answer. */
  slackError: string;
  retryable: boolean;
  advice: string;
}

export function describeSlackError(error: unknown, where: string): SlackFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: string;
    data?: { error?: string };
    statusCode?: number;
    message?: string;
  };
  if (e.code === 'slack_webapi_rate_limited_error') {
    return { slackError: 'ratelimited', retryable: true, advice: ADVICE.ratelimited?.advice(where) ?? '' };
  }
  if (e.code === 'slack_webapi_platform_error') {
    const slackError = e.data?.error ?? 'unknown_error';
    const known = ADVICE[slackError];
    if (known) return { slackError, retryable: known.retryable, advice: known.advice(where) };
    const retryable = TRANSIENT.has(slackError);
    return {
      slackError,
      retryable,
      advice: retryable
        ? 'Slack had a passing problem; the job retries.'
        : `Slack refused the request (${slackError}).`,
    };
  }
  const slackError = e.code ?? 'unknown_error';
  const serverSide = e.code !== 'slack_webapi_http_error' || (e.statusCode ?? 500) >= 500;
  return {
    slackError,
    retryable: serverSide,
    advice: serverSide ? 'Slack could not be reached; the job retries.' : `Slack answered HTTP ${e.statusCode}.`,
  };
}

/** The error the core and the scheduler see: a PLATFORM_ERROR saying what failed, what to do, and if retrying helps. */
export function platformError(error: unknown, action: string, where: string, details: Record<string, unknown> = {}) {
  const failure = describeSlackError(error, where);
  return new AgoraError('PLATFORM_ERROR', `Slack refused to ${action} (${failure.slackError}). ${failure.advice}`, {
    ...details,
    slackError: failure.slackError,
    retryable: failure.retryable,
    advice: failure.advice,
    ...(ACCESS.has(failure.slackError) && { access: { where, advice: failure.advice } }),
  });
}
