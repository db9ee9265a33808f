/**
 * Every failure the core reports carries a stable code and a message a person can act on.
 * `audience: 'user'` errors are answered in the chat; anything else is a bug, logged and never shown raw.
 */
export type ErrorCode =
  | 'PROGRAMME_INVALID'
  | 'PROGRAMME_NOT_FOUND'
  | 'QUESTION_NOT_FOUND'
  | 'QUESTION_HAS_RESPONSES'
  | 'QUESTION_NOT_OPEN'
  | 'POLL_CLOSED'
  | 'NOT_A_POLL'
  | 'CHOICE_INVALID'
  | 'SINGLE_CHOICE_ONLY'
  | 'NOT_ORGANISER'
  | 'NOT_YOUR_REPLY'
  | 'RESPONSE_EMPTY'
  | 'RESPONSE_NOT_FOUND'
  | 'STATEMENT_INVALID'
  | 'CHANNEL_UNMAPPED'
  | 'ROSTER_MISSING'
  | 'UNKNOWN_COMMAND'
  | 'NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'DATABASE_UNREACHABLE'
  | 'PLATFORM_ERROR'
  | 'POSITIONS_UNAVAILABLE'
  | 'INTERNAL';

export type ErrorAudience = 'user' | 'operator';

export class AgoraError extends Error {
  readonly code: ErrorCode;
  readonly audience: ErrorAudience;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    audience: ErrorAudience = 'user',
  ) {
    super(message);
    this.name = 'AgoraError';
    this.code = code;
    this.details = details;
    this.audience = audience;
  }
}

export function isAgoraError(error: unknown): error is AgoraError {
  return error instanceof AgoraError;
}

/** What a person in chat is told about an error: their own mistake verbatim, a bug only as a reference. */
export function messageForUser(error: unknown): string {
  if (isAgoraError(error) && error.audience === 'user') return error.message;
  return 'Something went wrong on our side. The organisers have been told; please try again in a few minutes.';
}
