import {
  type ContributionRows,
  type ContributionWindow,
  type InputsMark,
  RESPONSE_BEFORE_WEEK,
  RESPONSE_IN_WEEK,
  RESPONSE_POSTING,
  RESPONSE_SINCE_LAST,
  type RepliedResponse,
  type ReportingRepository,
  type ScanOptions,
  VOTE_QUESTIONS,
  type VoteTallyRow,
  type WrittenAnswer,
} from '../../src/core/ports/reporting.ts';
import type { ParticipantRecord, ResponseRecord, VoteRecord } from '../../src/core/records.ts';
import type { Attachment, Platform } from '../../src/core/types.ts';
import { asBoolean, asDate, asJson, asNumber, asOptionalDate, type RowScanner, type SqlValue } from './row-scan.ts';

/**
 * Reads for digests and exports, streamed through a cursor rather than loaded whole. The big scans read one
 * table each, by index, as arrays of values: no join per row (participants are read once, separately).
 */

/** Rows per page of a streamed read: big enough that a million rows take a few hundred short queries. */
const BATCH = 5000;
const EPOCH = new Date(0);
/** The digest's big reads, which SQLite does much work for per row returned, beside the reader (see RowScanner). */
const ON_OWN_THREAD = { ownThread: true };

const RESPONSE_COLUMNS = `r."id", r."questionId", r."postingId", r."participantId", r."body", r."private", r."messageRef",
  r."replyToId", r."attachments", r."idempotencyKey", r."createdAt", r."editedAt", r."deletedAt"`;

const PARTICIPANT_COLUMNS = `pa."id", pa."platform", pa."platformUserId", pa."displayName", pa."pseudonym", pa."role",
  pa."remindersOff", pa."createdAt"`;

function participant(row: unknown[]): ParticipantRecord {
  const [id, platform, platformUserId, displayName, pseudonym, role, remindersOff, createdAt] = row;
  return {
    id: String(id),
    platform: platform as Platform,
    platformUserId: String(platformUserId),
    displayName: String(displayName),
    pseudonym: String(pseudonym),
    role: role as ParticipantRecord['role'],
    remindersOff: asBoolean(remindersOff),
    createdAt: asDate(createdAt),
  };
}

function response(row: unknown[]): ResponseRecord {
  const [id, questionId, postingId, participantId, body, isPrivate, messageRef, replyToId, attachments, key] = row;
  return {
    id: String(id),
    questionId: String(questionId),
    postingId: (postingId as string | null) ?? null,
    participantId: String(participantId),
    body: String(body),
    private: asBoolean(isPrivate),
    messageRef: (messageRef as string | null) ?? null,
    replyToId: (replyToId as string | null) ?? null,
    attachments: asJson<Attachment[]>(attachments) ?? [],
    idempotencyKey: String(key),
    createdAt: asDate(row[10]),
    editedAt: asOptionalDate(row[11]),
    deletedAt: asOptionalDate(row[12]),
  };
}

/** The rows, with columns `from` to `to` made numbers in place (PostgreSQL gives counts and sums as text). */
function numbered<T>(rows: unknown[][], from: number, to: number): T[] {
  for (const row of rows) for (let i = from; i <= to; i++) if (typeof row[i] !== 'number') row[i] = asNumber(row[i]);
  return rows as T[];
}

/** The rest of an iterator whose first result was asked for ahead of time. */
async function* prefetched<T>(first: Promise<IteratorResult<T>>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  let next = await first;
  while (!next.done) {
    yield next.value;
    next = await rest.next();
  }
}

async function* mapped<T>(batches: AsyncIterable<unknown[][]>, map: (row: unknown[]) => T): AsyncIterable<T[]> {
  for await (const batch of batches) yield batch.map(map);
}

export class PrismaReportingRepository implements ReportingRepository {
  constructor(private readonly scanner: RowScanner) {}

  async *contributions(programmeId: string, window: ContributionWindow): AsyncIterable<ContributionRows> {
    const batchSize = window.batchSize ?? 5000;
    const since = window.since ?? EPOCH;
    const questions = await this.scanner.all<{ id: string }>(
      'SELECT "id" FROM {Question} WHERE "programmeId" = ? ORDER BY "position", "id"',
      [programmeId],
    );
    // The first questions' voters are grouped (on a connection of their own) while the responses are read: the
    // grouping is done whole before its first row comes.
    const firstIds = questions.slice(0, VOTE_QUESTIONS).map((q) => q.id);
    const firstVoters = firstIds.length ? this.#voters(firstIds, window, batchSize)[Symbol.asyncIterator]() : null;
    const firstBatch = firstVoters?.next();
    firstBatch?.catch(() => {});
    try {
      yield* this.#responses(questions, window, batchSize, since);
      for (let i = 0; i < questions.length; i += VOTE_QUESTIONS) {
        const questionIds = questions.slice(i, i + VOTE_QUESTIONS).map((q) => q.id);
        const batches =
          i === 0 && firstVoters && firstBatch
            ? prefetched(firstBatch, firstVoters)
            : this.#voters(questionIds, window, batchSize);
        for await (const batch of batches) yield { kind: 'vote', questionIds, rows: numbered(batch, 1, 4) };
      }
    } finally {
      await firstVoters?.return?.();
    }
  }

  /**
   * One table at a time, by index, no join; times are compared in the database, never parsed here, and rows are
   * passed on as the driver gives them (sums come as text from PostgreSQL).
   */
  async *#responses(
    questions: { id: string }[],
    window: ContributionWindow,
    batchSize: number,
    since: Date,
  ): AsyncIterable<ContributionRows> {
    for (const { id: questionId } of questions) {
      const postings = await this.scanner.all<{ id: string }>(
        'SELECT "id" FROM {Posting} WHERE "questionId" = ? ORDER BY "id"',
        [questionId],
      );
      const postingIds = [null, ...postings.map((p) => p.id)];
      // The posting as a number beside the flags: a million postings' ids cost more to read than to look up here.
      const posting = postings.length
        ? `CASE r."postingId" ${postings.map((_, i) => `WHEN ? THEN ${(i + 1) * RESPONSE_POSTING}`).join(' ')} ELSE 0 END`
        : '0';
      const responses = this.scanner.scanArrays(
        `SELECT r."participantId",
           CASE WHEN r."createdAt" >= ? THEN ${RESPONSE_IN_WEEK} ELSE ${RESPONSE_BEFORE_WEEK} END
             + CASE WHEN r."createdAt" >= ? THEN ${RESPONSE_SINCE_LAST} ELSE 0 END + ${posting}
         FROM {Response} r
         WHERE r."questionId" = ? AND r."deletedAt" IS NULL AND r."createdAt" < ?`,
        [window.weekStart, since, ...postings.map((p) => p.id), questionId, window.until],
        batchSize,
        ON_OWN_THREAD,
      );
      for await (const batch of responses)
        yield { kind: 'response', questionId, postingIds, rows: numbered(batch, 1, 1) };
    }
  }

  /**
   * One row per voter for several questions, their questions as bits: a fraction of the rows of one per voter and
   * question (each row read costs more than the grouping), grouped first along the (question, participant, subject)
   * index.
   */
  #voters(questionIds: string[], window: ContributionWindow, batchSize: number): AsyncIterable<unknown[][]> {
    const bit = `CASE v."questionId" ${questionIds.map((_, i) => `WHEN ? THEN ${2 ** i}`).join(' ')} END`;
    const list = questionIds.map(() => '?').join(', ');
    return this.scanner.scanArrays(
      `SELECT x."p", SUM(x."bit"), SUM(CASE WHEN x."inWeek" > 0 THEN x."bit" ELSE 0 END), MAX(x."before"),
         SUM(x."inWeek")
       FROM (
         SELECT v."participantId" AS "p", ${bit} AS "bit",
           SUM(CASE WHEN v."castAt" >= ? THEN 1 ELSE 0 END) AS "inWeek",
           CASE WHEN MIN(v."castAt") < ? THEN 1 ELSE 0 END AS "before"
         FROM {Vote} v
         WHERE v."questionId" IN (${list}) AND v."retractedAt" IS NULL AND v."castAt" < ?
         GROUP BY v."questionId", v."participantId"
       ) x
       GROUP BY x."p"`,
      [...questionIds, window.weekStart, window.weekStart, ...questionIds, window.until],
      batchSize,
      ON_OWN_THREAD,
    );
  }

  responses(questionId: string, options: ScanOptions): AsyncIterable<ResponseRecord[]> {
    return this.#paged(
      `SELECT ${RESPONSE_COLUMNS} FROM {Response} r
      WHERE r."questionId" = ? AND r."deletedAt" IS NULL AND r."createdAt" < ? AND r."createdAt" > ?`,
      { at: 'r."createdAt"', id: 'r."id"', atColumn: 10 },
      [questionId, options.until, options.after ?? EPOCH],
      options.batchSize ?? BATCH,
      response,
    );
  }

  answers(questionId: string, options: ScanOptions): AsyncIterable<WrittenAnswer[]> {
    return this.#paged(
      `SELECT r."id", r."participantId", r."body", r."private", r."messageRef", r."createdAt" FROM {Response} r
      WHERE r."questionId" = ? AND r."deletedAt" IS NULL AND r."createdAt" < ? AND r."createdAt" > ?`,
      { at: 'r."createdAt"', id: 'r."id"', atColumn: 5 },
      [questionId, options.until, options.after ?? EPOCH],
      options.batchSize ?? BATCH,
      ([id, participantId, body, isPrivate, messageRef, createdAt]) => ({
        id: String(id),
        participantId: String(participantId),
        body: String(body),
        private: asBoolean(isPrivate),
        messageRef: (messageRef as string | null) ?? null,
        createdAt: asDate(createdAt),
        deletedAt: null,
      }),
    );
  }

  votes(questionId: string, options: ScanOptions): AsyncIterable<VoteRecord[]> {
    return this.#paged(
      `SELECT v."id", v."participantId", v."subject", v."choice", v."castAt" FROM {Vote} v
      WHERE v."questionId" = ? AND v."retractedAt" IS NULL AND v."castAt" < ?`,
      { at: 'v."castAt"', id: 'v."id"', atColumn: 4 },
      [questionId, options.until],
      options.batchSize ?? BATCH,
      ([id, participantId, subject, choice, castAt]) => ({
        id: String(id),
        questionId,
        participantId: String(participantId),
        subject: String(subject),
        choice: asJson<string[]>(choice),
        castAt: asDate(castAt),
        retractedAt: null,
      }),
    );
  }

  async count(questionId: string, options: { until: Date }): Promise<{ responses: number; votes: number }> {
    const [row] = await this.scanner.all<{ responses: unknown; votes: unknown }>(
      `SELECT
        (SELECT COUNT(*) FROM {Response} r WHERE r."questionId" = ? AND r."deletedAt" IS NULL AND r."createdAt" < ?)
          AS "responses",
        (SELECT COUNT(*) FROM {Vote} v WHERE v."questionId" = ? AND v."retractedAt" IS NULL AND v."castAt" < ?)
          AS "votes"`,
      [questionId, options.until, questionId, options.until],
    );
    return { responses: asNumber(row?.responses), votes: asNumber(row?.votes) };
  }

  /**
   * From the running totals kept by triggers (see the running_totals migration) and the ends of the question's
   * indexes: no scan of its responses or votes.
   */
  async inputsMark(questionId: string): Promise<InputsMark> {
    const [row] = await this.scanner.all<Record<string, unknown>>(
      `SELECT t."liveResponses", t."responses", t."written", t."privateResponses", t."edits", t."deletions",
        t."retractions",
        (SELECT MAX(r."createdAt") FROM {Response} r WHERE r."questionId" = ?) AS "latest",
        (SELECT SUM(c."count") FROM {VoteTally} c WHERE c."questionId" = ?) AS "votes",
        (SELECT COUNT(*) FROM {Vote} v WHERE v."questionId" = ?) AS "allVotes",
        (SELECT MAX(v."castAt") FROM {Vote} v WHERE v."questionId" = ?) AS "cast",
        (SELECT COUNT(*) FROM {PollOption} o WHERE o."questionId" = ?) AS "options",
        (SELECT COUNT(*) FROM {PollOption} o WHERE o."questionId" = ? AND o."status" = 'approved') AS "approved"
      FROM (SELECT 1 AS "one") x LEFT JOIN {QuestionTotals} t ON t."questionId" = ?`,
      Array.from({ length: 7 }, () => questionId),
    );
    const n = (value: unknown) => asNumber(value ?? 0);
    const when = (value: unknown) => asOptionalDate(value)?.toISOString() ?? '';
    const latest = row?.latest;
    return {
      responses: n(row?.liveResponses),
      latestResponse: latest === null || latest === undefined ? null : when(latest),
      revisions: `${n(row?.responses)}/${n(row?.edits)}/${n(row?.deletions)}/${n(row?.written)}/${n(row?.privateResponses)}`,
      votes: `${n(row?.votes)}/${n(row?.allVotes)}/${when(row?.cast)}/${n(row?.retractions)}`,
      statements: `${n(row?.options)}/${n(row?.approved)}`,
    };
  }

  async *authors(questionId: string): AsyncIterable<{ id: string; participantId: string; private: boolean }[]> {
    const rows = this.scanner.scanArrays(
      `SELECT r."id", r."participantId", r."private" FROM {Response} r
       WHERE r."questionId" = ? AND r."deletedAt" IS NULL`,
      [questionId],
      BATCH * 4,
    );
    for await (const batch of rows)
      yield batch.map(([id, participantId, isPrivate]) => ({
        id: String(id),
        participantId: String(participantId),
        private: asBoolean(isPrivate),
      }));
  }

  async *#paged<T>(
    text: string,
    key: { at: string; id: string; atColumn: number },
    params: SqlValue[],
    size: number,
    map: (row: unknown[]) => T,
  ): AsyncIterable<T[]> {
    for await (const page of this.scanner.pages(text, key, params, size)) yield page.map(map);
  }

  participantPlatforms(): AsyncIterable<[participantId: string, platform: string][]> {
    return this.scanner.scanArrays('SELECT pa."id", pa."platform" FROM {Participant} pa', [], 20_000) as AsyncIterable<
      [string, string][]
    >;
  }

  participants(options: { batchSize?: number } = {}): AsyncIterable<ParticipantRecord[]> {
    return mapped(
      this.scanner.scanArrays(`SELECT ${PARTICIPANT_COLUMNS} FROM {Participant} pa`, [], options.batchSize ?? 20_000),
      participant,
    );
  }

  async mostReplied(
    questionId: string,
    options: { since?: Date; until: Date; limit: number; includeUnreplied?: boolean },
  ): Promise<RepliedResponse[]> {
    const limit = Math.max(0, Math.floor(options.limit));
    const since = options.since ?? EPOCH;
    // Starts from the replies (a fraction of the responses), grouped by what they reply to.
    const replied = await this.#rows(
      `SELECT ${RESPONSE_COLUMNS}, ${PARTICIPANT_COLUMNS}, x."n"
      FROM (
        SELECT c."replyToId" AS "id", COUNT(*) AS "n" FROM {Response} c
        WHERE c."questionId" = ? AND c."deletedAt" IS NULL AND c."createdAt" < ? AND c."replyToId" IS NOT NULL
        GROUP BY c."replyToId"
      ) x
      JOIN {Response} r ON r."id" = x."id"
      JOIN {Participant} pa ON pa."id" = r."participantId"
      WHERE r."questionId" = ? AND r."deletedAt" IS NULL AND r."createdAt" >= ? AND r."createdAt" < ?
      ORDER BY x."n" DESC, r."createdAt", r."id"
      LIMIT ?`,
      [questionId, options.until, questionId, since, options.until, limit],
    );
    if (!options.includeUnreplied || replied.length >= limit) return replied;
    // Then the oldest of the rest, by the (question, created) index.
    const taken = new Set(replied.map((r) => r.id));
    const rest = await this.#rows(
      `SELECT ${RESPONSE_COLUMNS}, ${PARTICIPANT_COLUMNS}, 0
      FROM {Response} r JOIN {Participant} pa ON pa."id" = r."participantId"
      WHERE r."questionId" = ? AND r."deletedAt" IS NULL AND r."createdAt" >= ? AND r."createdAt" < ?
      ORDER BY r."createdAt", r."id"
      LIMIT ?`,
      [questionId, since, options.until, limit + taken.size],
    );
    return [...replied, ...rest.filter((r) => !taken.has(r.id))].slice(0, limit);
  }

  async #rows(text: string, params: SqlValue[]): Promise<RepliedResponse[]> {
    const rows: RepliedResponse[] = [];
    for await (const batch of this.scanner.scanArrays(text, params, 1000, ON_OWN_THREAD))
      for (const row of batch)
        rows.push({
          ...response(row.slice(0, 13)),
          author: participant(row.slice(13, 21)),
          replies: asNumber(row[21]),
        });
    return rows;
  }

  /**
   * From the running tallies (kept by triggers, see the vote_tallies migration) when no vote of the question was
   * cast at or after `until`, as for the week just ended; else counted from the votes.
   */
  async tallyVotes(questionId: string, options: { until: Date }): Promise<VoteTallyRow[]> {
    const [later] = await this.scanner.all<{ n: unknown }>(
      'SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM {Vote} v WHERE v."questionId" = ? AND v."castAt" >= ? LIMIT 1) x',
      [questionId, options.until],
    );
    const [text, params] =
      asNumber(later?.n) === 0
        ? [
            `SELECT t."subject", t."choice", t."count" FROM {VoteTally} t WHERE t."questionId" = ? AND t."count" > 0`,
            [questionId],
          ]
        : [
            `SELECT v."subject", v."choice", COUNT(*) FROM {Vote} v
             WHERE v."questionId" = ? AND v."retractedAt" IS NULL AND v."castAt" < ?
             GROUP BY v."subject", v."choice"`,
            [questionId, options.until],
          ];
    const rows: VoteTallyRow[] = [];
    for await (const batch of this.scanner.scanArrays(text, params, 10_000))
      for (const [subject, choice, n] of batch)
        rows.push({ subject: String(subject), choice: asJson<string[]>(choice), count: asNumber(n) });
    const key = (row: VoteTallyRow) => `${row.subject}\u0000${JSON.stringify(row.choice)}`;
    return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}
