/**
 * The action and view ids Agora puts in its messages and modals. Every id starts with `agora_`, so a catch-all
 * listener can answer anything else (an old message, another app's button) without touching these.
 */
export const ACTION = {
  /** Buttons and selects that cast a vote; the value says which question, subject and choice. */
  vote: /^agora_vote_\d+$/,
  votePrefix: 'agora_vote_',
  multiPick: 'agora_multi_pick',
  multiSubmit: 'agora_multi_submit',
  rank: 'agora_rank',
  answerPrivately: 'agora_answer_privately',
  whereWeStand: 'agora_where_we_stand',
  /** Statements questions: deal me a statement, add one, answer the one dealt, and review one awaiting approval. */
  dealStatement: 'agora_deal_statement',
  addStatement: 'agora_add_statement',
  answerStatement: /^agora_statement_(agree|disagree|pass)$/,
  answerStatementPrefix: 'agora_statement_',
  reviewStatement: /^agora_review_(approve|reject)$/,
  reviewStatementPrefix: 'agora_review_',
  /** "Where do I stand" on a statement card: the person's own place among the opinion groups. */
  whereIStand: 'agora_where_i_stand',
} as const;

export const VIEW = {
  privateAnswer: 'agora_private_answer',
  ranked: 'agora_ranked',
  multi: 'agora_multi',
  addStatement: 'agora_add_statement',
  proposeStatement: 'agora_propose_statement',
} as const;

/** The message shortcut "Propose as a statement" (adapters/slack/manifest.yaml names it). */
export const SHORTCUT = { proposeStatement: 'agora_propose_statement' } as const;

type KnownIds = Readonly<Record<string, string | RegExp>>;

const matchesOneOf =
  (known: KnownIds) =>
  (id: string): boolean =>
    Object.values(known).some((pattern) =>
      // An entry ending in "_" is the start of a family of ids (the family's pattern matches them), never an id.
      typeof pattern === 'string' ? pattern === id && !pattern.endsWith('_') : pattern.test(id),
    );

/** Whether an action, form or shortcut id is one Agora handles: read from the lists above, so it cannot drift. */
export const isAgoraAction = matchesOneOf(ACTION);
export const isAgoraView = matchesOneOf(VIEW);
export const isAgoraShortcut = matchesOneOf(SHORTCUT);

export interface VoteValue {
  questionId: string;
  /** "" for the whole poll; a Likert item's or a statement's option key. */
  subject: string;
  /** An option key, a Likert scale index, or agree / disagree / pass. */
  choice: string;
}

// Keys and ids never contain "|": keys are [a-z0-9_-], question ids are cuids.
export function encodeVote(value: VoteValue): string {
  return `${value.questionId}|${value.subject}|${value.choice}`;
}

export function decodeVote(text: string | undefined): VoteValue | undefined {
  const parts = (text ?? '').split('|');
  if (parts.length !== 3 || !parts[0] || !parts[2]) return undefined;
  return { questionId: parts[0], subject: parts[1] ?? '', choice: parts[2] };
}

/** Which statement an Approve or Reject button decides on. */
export interface ReviewValue {
  questionId: string;
  statementId: string;
}

export function encodeReview(value: ReviewValue): string {
  return `${value.questionId}|${value.statementId}`;
}

export function decodeReview(text: string | undefined): ReviewValue | undefined {
  const [questionId, statementId, extra] = (text ?? '').split('|');
  if (!questionId || !statementId || extra !== undefined) return undefined;
  return { questionId, statementId };
}

/** Where a modal came from, kept in its private_metadata so answers and notices go back to the right place. */
export interface ModalOrigin {
  questionId: string;
  channel?: string;
  messageTs?: string;
}

export function encodeOrigin(origin: ModalOrigin): string {
  return JSON.stringify({ q: origin.questionId, c: origin.channel, t: origin.messageTs });
}

export function decodeOrigin(text: string | undefined): ModalOrigin | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as { q?: unknown; c?: unknown; t?: unknown };
    if (typeof parsed.q !== 'string' || !parsed.q) return undefined;
    return {
      questionId: parsed.q,
      ...(typeof parsed.c === 'string' ? { channel: parsed.c } : {}),
      ...(typeof parsed.t === 'string' ? { messageTs: parsed.t } : {}),
    };
  } catch {
    return undefined;
  }
}
