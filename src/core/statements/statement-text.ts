import { UserError } from '../errors.ts';

export const STATEMENT_MAX_LENGTH = 280;
/** Beyond this a question is unreadable and its map too sparse to say anything; Pol.is conversations rarely pass it. */
export const STATEMENTS_PER_QUESTION = 1000;

/** The statement as it will be shown: trimmed, runs of white space made single. */
function cleanStatement(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What two statements share when they say the same thing: case, punctuation and spacing aside. */
function statementFingerprint(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A statement already on the question: shown to voters (`approved`) or waiting for an organiser (`pending`). */
export interface ExistingStatement {
  label: string;
  status: string;
}

/** Refuses an empty, over-long or duplicate statement with the reason. */
export function checkStatement(text: string, existing: readonly ExistingStatement[]): string {
  const clean = cleanStatement(text);
  if (!statementFingerprint(clean)) {
    throw new UserError(
      'STATEMENT_INVALID',
      'A statement needs some words. Write one short sentence people can agree or disagree with.',
    );
  }
  if (clean.length > STATEMENT_MAX_LENGTH) {
    throw new UserError(
      'STATEMENT_INVALID',
      `Statements are at most ${STATEMENT_MAX_LENGTH} characters; yours has ${clean.length}. Shorten it and send it again.`,
      { length: clean.length },
    );
  }
  if (existing.length >= STATEMENTS_PER_QUESTION) {
    throw new UserError(
      'STATEMENT_INVALID',
      `This question already has ${STATEMENTS_PER_QUESTION.toLocaleString('en-GB')} statements, as many as it takes. Vote on those instead.`,
    );
  }
  const fingerprint = statementFingerprint(clean);
  const same = existing.find((s) => statementFingerprint(s.label) === fingerprint);
  if (same?.status === 'pending') {
    throw new UserError(
      'STATEMENT_INVALID',
      `Someone has already proposed that statement: "${same.label}". It is waiting for an organiser's approval; once approved, you can vote on it.`,
    );
  }
  if (same !== undefined) {
    throw new UserError('STATEMENT_INVALID', `That statement is already there: "${same.label}". Vote on it instead.`);
  }
  return clean;
}
