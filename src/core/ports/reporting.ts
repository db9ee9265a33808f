import type { ParticipantRecord, ResponseRecord, VoteRecord } from '../records.ts';

/**
 * Reads for digests and exports: streamed in batches (a cursor, never every row at once) or aggregated in the
 * database. Deleted responses and retracted votes are never returned. `until` is exclusive.
 */

/**
 * Contributions to a programme, reduced to what participation counts need, as the database's rows come (no object
 * per row): a question's responses, a row each; or its voters, a row per person for up to VOTE_QUESTIONS questions.
 */
export type ContributionRows =
  | {
      kind: 'response';
      questionId: string;
      /** The question's postings, after null (private answers, or a posting not of this question). */
      postingIds: (string | null)[];
      /** RESPONSE_* bits, plus the index in postingIds of the posting it was written under, times RESPONSE_POSTING. */
      rows: [participantId: string, flags: number][];
    }
  | {
      kind: 'vote';
      /** Bit i of a row's masks stands for questionIds[i]. */
      questionIds: string[];
      /**
       * The questions a person has live votes on before `until`, those with one cast in [weekStart, until), 1 when
       * any of those votes was cast before weekStart (else 0), and how many were cast in [weekStart, until).
       */
      rows: [participantId: string, voted: number, votedInWeek: number, beforeWeek: number, castInWeek: number][];
    };

/** A response row's flags: written in [weekStart, until), before weekStart, at or after `since`. */
export const RESPONSE_IN_WEEK = 1;
export const RESPONSE_BEFORE_WEEK = 2;
export const RESPONSE_SINCE_LAST = 4;
export const RESPONSE_POSTING = 8;
/** At most this many questions to a vote row's masks, so that they stay 31-bit integers. */
export const VOTE_QUESTIONS = 30;

export interface ContributionWindow {
  until: Date;
  weekStart: Date;
  since?: Date;
  batchSize?: number;
}

export interface RepliedResponse extends ResponseRecord {
  author: ParticipantRecord;
  /** Live replies to it written before `until`. */
  replies: number;
}

export interface VoteTallyRow {
  subject: string;
  choice: string[];
  count: number;
}

/** What summaries read of a written answer: no attachments, links or keys. */
export type WrittenAnswer = Pick<
  ResponseRecord,
  'id' | 'participantId' | 'body' | 'private' | 'messageRef' | 'createdAt' | 'deletedAt'
>;

export interface ScanOptions {
  until: Date;
  /** Only rows written after this instant (exclusive); all of them when left out. */
  after?: Date;
  /** Rows per batch; the store picks a sensible default. */
  batchSize?: number;
}

export interface ReportingRepository {
  /** Every live response and vote on the programme's questions before `until`, in batches, in no set order. */
  contributions(programmeId: string, window: ContributionWindow): AsyncIterable<ContributionRows>;
  /** A question's live responses before `until`, oldest first (ties by id), in batches (pages of the store's). */
  responses(questionId: string, options: ScanOptions): AsyncIterable<ResponseRecord[]>;
  /** The same as `responses`, each with only what summaries read of it: less to hold for many answers. */
  answers(questionId: string, options: ScanOptions): AsyncIterable<WrittenAnswer[]>;
  /** A question's live votes cast before `until`, oldest first (ties by id), in batches. */
  votes(questionId: string, options: ScanOptions): AsyncIterable<VoteRecord[]>;
  /** How many live responses and votes a question had before `until` (for progress on long exports). */
  count(questionId: string, options: { until: Date }): Promise<{ responses: number; votes: number }>;
  /**
   * What a summary of the question would be computed from, as one short mark that changes whenever any of it does:
   * responses written, edited, deleted or erased, votes cast, changed or retracted, statements added or approved.
   * Counted in the database; a summary stored with the same mark still stands.
   */
  inputsMark(questionId: string): Promise<InputsMark>;
  /** Who wrote each live response of a question, and whether privately, in batches: no bodies. */
  authors(questionId: string): AsyncIterable<{ id: string; participantId: string; private: boolean }[]>;
  /** Every participant's platform, in batches: less to read than `participants` when only that is needed. */
  participantPlatforms(): AsyncIterable<[participantId: string, platform: string][]>;
  /** Every participant, in batches (to name the authors of streamed rows without a join per row). */
  participants(options?: { batchSize?: number }): AsyncIterable<ParticipantRecord[]>;
  /**
   * A question's live responses written in [since, until), most replied first, then oldest first; at most `limit`.
   * Only responses with at least one reply unless `includeUnreplied`.
   */
  mostReplied(
    questionId: string,
    options: { since?: Date; until: Date; limit: number; includeUnreplied?: boolean },
  ): Promise<RepliedResponse[]>;
  /** A question's live votes cast before `until`, counted per subject and exact choice. */
  tallyVotes(questionId: string, options: { until: Date }): Promise<VoteTallyRow[]>;
}

export interface InputsMark {
  /** Live responses, and the newest time any response was written (ISO), or null. */
  responses: number;
  latestResponse: string | null;
  /** All rows (erasures lower it), how many edits and deletions there have been, the length of everything written. */
  revisions: string;
  votes: string;
  statements: string;
}

export interface StoredDigest {
  programmeId: string;
  week: string;
  model: unknown;
  createdAt: Date;
}

/** Built digests, one per programme and ISO week; a new build of the same week replaces the stored one. */
export interface DigestRepository {
  save(programmeId: string, week: string, model: unknown): Promise<StoredDigest>;
  find(programmeId: string, week: string): Promise<StoredDigest | null>;
  /** The digest of the latest week before `week` (ISO week labels sort as text). */
  latestBefore(programmeId: string, week: string): Promise<StoredDigest | null>;
  weeks(programmeId: string): Promise<string[]>;
  /** Replaces a stored digest's model in place (quotes of erased answers removed), keeping when it was made. */
  amend(programmeId: string, week: string, model: unknown): Promise<void>;
}
