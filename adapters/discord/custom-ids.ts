import type { StatementVote } from '../../src/core/statements/deal-statement.ts';

/**
 * The custom_ids Agora puts on its buttons, selects and modals. Each starts with `ag:` and names the question, so
 * a click needs no memory of the message: any process (any shard, after any restart) can act on it.
 * Discord allows 100 characters; keys (at most 63) fit beside a question id, and where they would not, the
 * option's position stands in for its key (`#3`).
 */

export const CUSTOM_ID_MAX = 100;

export type CustomId =
  /** A button that casts a vote: subject "" for the whole poll, or a Likert item or statement key. */
  | { kind: 'vote'; questionId: string; subject: string; choice: string }
  /** A select whose values are the choice: option keys, or one scale point / stance for `subject`. */
  | { kind: 'select'; questionId: string; subject: string }
  /** Opens (or restarts) the ranking flow. */
  | { kind: 'rank'; questionId: string }
  /** A step of the ranking flow; `picked` are option positions chosen so far, best first. */
  | { kind: 'rank-step'; questionId: string; picked: number[] }
  /** Saves the ranking as it stands. */
  | { kind: 'rank-save'; questionId: string; picked: number[] }
  /** A page of the rating flow (Likert items or statements too many for one message). */
  | { kind: 'rate'; questionId: string; page: number }
  /** "Answer privately": the button and its modal. */
  | { kind: 'answer'; questionId: string }
  /** "Respond": a reply written in a modal and posted to the thread (when message content cannot be read). */
  | { kind: 'respond'; questionId: string }
  /** "Vote on the statements": deals this person the next statement. */
  | { kind: 'deal'; questionId: string }
  /** Agree, Disagree or Pass on a dealt statement. */
  | { kind: 'stance'; questionId: string; statementKey: string; vote: StatementVote }
  /** "Where do I stand": the person's own place among the opinion groups, told only to them. */
  | { kind: 'stand'; questionId: string }
  /** "Add a statement": the button and its modal. */
  | { kind: 'add-statement'; questionId: string }
  /** The "Propose as a statement" form, naming the reply it came from (its channel and message). */
  | { kind: 'propose'; questionId: string; channelId: string; messageId: string }
  /** Approve or Reject on a statement posted for review; the statement by its id, as it has no key until approved. */
  | { kind: 'review'; questionId: string; statementId: string; decision: 'approve' | 'reject' };

/** Stances by one letter, so a 63-character statement key still fits beside a question id. */
const STANCE_LETTER: Record<StatementVote, string> = { agree: 'a', disagree: 'd', pass: 'p' };
const LETTER_STANCE: Record<string, StatementVote> = { a: 'agree', d: 'disagree', p: 'pass' };

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

function encodePicked(picked: number[]): string {
  return picked.map((n) => DIGITS[n] ?? '').join('');
}

function decodePicked(text: string): number[] | undefined {
  const picked = [...text].map((c) => DIGITS.indexOf(c));
  return picked.every((n) => n >= 0) ? picked : undefined;
}

export function encodeCustomId(id: CustomId): string {
  switch (id.kind) {
    case 'vote':
      return `ag:v:${id.questionId}:${id.subject}:${id.choice}`;
    case 'select':
      return `ag:s:${id.questionId}:${id.subject}`;
    case 'rank':
      return `ag:rank:${id.questionId}`;
    case 'rank-step':
      return `ag:rk:${id.questionId}:${encodePicked(id.picked)}`;
    case 'rank-save':
      return `ag:rks:${id.questionId}:${encodePicked(id.picked)}`;
    case 'rate':
      return `ag:rate:${id.questionId}:${id.page}`;
    case 'answer':
      return `ag:answer:${id.questionId}`;
    case 'respond':
      return `ag:respond:${id.questionId}`;
    case 'deal':
      return `ag:deal:${id.questionId}`;
    case 'stance':
      return `ag:st:${id.questionId}:${id.statementKey}:${STANCE_LETTER[id.vote]}`;
    case 'add-statement':
      return `ag:add:${id.questionId}`;
    case 'stand':
      return `ag:stand:${id.questionId}`;
    case 'review':
      return `ag:rv:${id.questionId}:${id.statementId}:${id.decision}`;
    case 'propose':
      return `ag:prop:${id.questionId}:${id.channelId}:${id.messageId}`;
  }
}

export function decodeCustomId(text: string): CustomId | undefined {
  const parts = text.split(':');
  if (parts[0] !== 'ag' || !parts[2]) return undefined;
  const [, kind, questionId, a = '', b = ''] = parts;
  switch (kind) {
    case 'v':
      return parts.length === 5 && b ? { kind: 'vote', questionId, subject: a, choice: b } : undefined;
    case 's':
      return parts.length === 4 ? { kind: 'select', questionId, subject: a } : undefined;
    case 'rank':
      return parts.length === 3 ? { kind: 'rank', questionId } : undefined;
    case 'rk':
    case 'rks': {
      const picked = parts.length === 4 ? decodePicked(a) : undefined;
      if (!picked) return undefined;
      return kind === 'rk' ? { kind: 'rank-step', questionId, picked } : { kind: 'rank-save', questionId, picked };
    }
    case 'rate': {
      const page = Number(a);
      return parts.length === 4 && Number.isInteger(page) && page >= 0 ? { kind: 'rate', questionId, page } : undefined;
    }
    case 'answer':
      return parts.length === 3 ? { kind: 'answer', questionId } : undefined;
    case 'respond':
      return parts.length === 3 ? { kind: 'respond', questionId } : undefined;
    case 'deal':
      return parts.length === 3 ? { kind: 'deal', questionId } : undefined;
    case 'st': {
      const vote = LETTER_STANCE[b];
      return parts.length === 5 && a && vote ? { kind: 'stance', questionId, statementKey: a, vote } : undefined;
    }
    case 'add':
      return parts.length === 3 ? { kind: 'add-statement', questionId } : undefined;
    case 'stand':
      return parts.length === 3 ? { kind: 'stand', questionId } : undefined;
    case 'rv':
      return parts.length === 5 && a && (b === 'approve' || b === 'reject')
        ? { kind: 'review', questionId, statementId: a, decision: b }
        : undefined;
    case 'prop':
      return parts.length === 5 && a && b ? { kind: 'propose', questionId, channelId: a, messageId: b } : undefined;
    default:
      return undefined;
  }
}

/**
 * A vote button's id, with keys replaced by positions (`#n`) where the keys would make it too long.
 * `keys` are the question's option keys in order; `choices` the choice values when they are option keys too.
 */
export function voteButtonId(questionId: string, subject: string, choice: string, keys: string[]): string {
  const full = encodeCustomId({ kind: 'vote', questionId, subject, choice });
  if (full.length <= CUSTOM_ID_MAX) return full;
  const position = (key: string) => (keys.includes(key) ? `#${keys.indexOf(key)}` : key);
  return encodeCustomId({ kind: 'vote', questionId, subject: subject && position(subject), choice: position(choice) });
}

export function selectId(questionId: string, subject: string, keys: string[]): string {
  const full = encodeCustomId({ kind: 'select', questionId, subject });
  if (full.length <= CUSTOM_ID_MAX || !subject) return full;
  return encodeCustomId({ kind: 'select', questionId, subject: `#${keys.indexOf(subject)}` });
}

/** Turns `#n` back into the option key at position n; anything else is already a key. */
export function resolveKey(value: string, keys: string[]): string {
  if (!value.startsWith('#')) return value;
  return keys[Number(value.slice(1))] ?? value;
}
