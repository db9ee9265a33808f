import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';
import { AgoraError } from '../../../src/core/errors.ts';

/**
 * Discord's refusals, turned into what an organiser can act on. `retryable` says whether a scheduled job should try
 * again: yes when an administrator can fix it without touching Agora (a permission) or when Discord had a passing
 * problem; no when the channel is gone.
 */

export interface DiscordFailure {
  /** Discord's JSON error code, or the HTTP status when there was none. */
  code: number;
  retryable: boolean;
  /** Whether this is a permission problem in the channel (Missing Access or Missing Permissions). */
  permission: boolean;
  advice: string;
}

export function describeDiscordError(error: unknown, where: string, missing: string[] = []): DiscordFailure {
  const perms = missing.length ? missing.join(', ') : 'View Channel, Send Messages, Embed Links, Create Public Threads';
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : error.status;
    switch (code) {
      case RESTJSONErrorCodes.MissingAccess:
        return {
          code,
          retryable: true,
          permission: true,
          advice: `Agora cannot see ${where}: give its role View Channel there (missing: ${missing.length ? perms : 'View Channel'}); the job retries.`,
        };
      case RESTJSONErrorCodes.MissingPermissions:
        return {
          code,
          retryable: true,
          permission: true,
          advice: `Agora lacks permissions in ${where} (missing: ${perms}): grant them to its role there; the job retries.`,
        };
      case RESTJSONErrorCodes.UnknownChannel:
        return {
          code,
          retryable: false,
          permission: false,
          advice: `Discord has no channel ${where}: check its id in CHANNEL_MAP.`,
        };
      case RESTJSONErrorCodes.TagRequiredToCreateAForumPostInThisChannel:
        return {
          code,
          retryable: false,
          permission: false,
          advice: `The forum ${where} requires a tag: create a tag named after the question's section, or turn off "Require tags".`,
        };
      default:
        return {
          code,
          retryable: error.status >= 500,
          permission: false,
          advice:
            error.status >= 500
              ? 'Discord had a passing problem; the job retries.'
              : `Discord refused: ${error.message}`,
        };
    }
  }
  if (error instanceof HTTPError) {
    return {
      code: error.status,
      retryable: true,
      permission: false,
      advice: 'Discord had a passing problem; the job retries.',
    };
  }
  return { code: 0, retryable: true, permission: false, advice: 'Discord could not be reached; the job retries.' };
}

export function discordErrorCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
}

/** The error the core and the scheduler see: a PLATFORM_ERROR saying what failed, what to do, and if retrying helps. */
export function platformError(
  failure: DiscordFailure,
  action: string,
  details: Record<string, unknown> = {},
  /** The channel as a mention people can follow, for the organisers' notice of a permission refusal. */
  mention?: string,
): AgoraError {
  return new AgoraError('PLATFORM_ERROR', `Discord refused to ${action} (${failure.code}). ${failure.advice}`, {
    ...details,
    discordCode: failure.code,
    retryable: failure.retryable,
    advice: failure.advice,
    ...(failure.permission && mention && { access: { where: mention, advice: failure.advice } }),
  });
}
