/**
 * Every failure the core reports carries a stable code and a message a person can act on. An AgoraError is a
 * bug or an operator's matter: logged and never shown raw. Only a UserError, a person's own mistake, is answered
 * in the chat with its message. `cause` keeps the error underneath, for the log.
 */
export type ErrorCode =
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
  | 'JOB_INVALID'
  | 'INSTALLATION_NOT_FOUND'
  | 'MAIL_REFUSED'
  | 'EXPORT_INVALID'
  | 'INBOX_ENTRY_INVALID'
  | 'STORE_UNAVAILABLE'
  | 'STOPPING';

export class AgoraError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options: ErrorOptions = {}) {
    super(message, options);
    this.name = 'AgoraError';
    this.code = code;
    this.details = details;
  }
}

/** A person's own mistake (an unknown command, a vote on a closed poll): its message is their answer. */
export class UserError extends AgoraError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options: ErrorOptions = {}) {
    super(code, message, details, options);
    this.name = 'UserError';
  }
}

export function isAgoraError(error: unknown): error is AgoraError {
  return error instanceof AgoraError;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** What a person in chat is told about an error: their own mistake verbatim, a bug only as a reference. */
export function messageForUser(error: unknown): string {
  if (isUserError(error)) return error.message;
  return 'Something went wrong on our side. The organisers have been told; please try again in a few minutes.';
}
