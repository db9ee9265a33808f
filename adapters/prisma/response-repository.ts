import type { NewResponse, Respondent, ResponseRepository } from '../../src/core/ports/store.ts';
import type { ResponseRecord, ResponseRevisionRecord } from '../../src/core/records.ts';
import { toResponse } from './mappers.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import type { Column, RawSql } from './raw-sql.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { withinTransaction } from './within-transaction.ts';

/** The columns a new response sets; it is neither edited nor deleted yet. */
const INSERT_COLUMNS: Column[] = [
  { name: 'id', type: 'text' },
  { name: 'questionId', type: 'text' },
  { name: 'postingId', type: 'text' },
  { name: 'participantId', type: 'text' },
  { name: 'body', type: 'text' },
  { name: 'private', type: 'boolean' },
  { name: 'messageRef', type: 'text' },
  { name: 'replyToId', type: 'text' },
  { name: 'attachments', type: 'json' },
  { name: 'idempotencyKey', type: 'text' },
  { name: 'createdAt', type: 'timestamp' },
];
const PAIR_COLUMNS: Column[] = [
  { name: 'questionId', type: 'text' },
  { name: 'participantId', type: 'text' },
];
const columnList = INSERT_COLUMNS.map((c) => `"${c.name}"`).join(', ');

export class PrismaResponseRepository implements ResponseRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly raw: RawSql,
  ) {}

  /** Writes new responses in one statement; one already stored under a unique key fails it. */
  async insertMany(records: ResponseRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = this.raw.rows(
      INSERT_COLUMNS,
      records.map((r) => [
        r.id,
        r.questionId,
        r.postingId,
        r.participantId,
        r.body,
        r.private,
        r.messageRef,
        r.replyToId,
        r.attachments,
        r.idempotencyKey,
        r.createdAt,
      ]),
    );
    await this.raw.execute(`INSERT INTO {Response} (${columnList}) ${rows.select}`, [rows.param]);
  }

  async record(response: NewResponse): Promise<{ response: ResponseRecord; created: boolean }> {
    // Insert first: a redelivered event is rare, so the unique index answers it instead of a read on every event.
    try {
      const row = await this.db.response.create({
        data: { ...response, attachments: response.attachments as object[] },
      });
      return { response: toResponse(row), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.db.response.findFirst({
        where: {
          OR: [
            { idempotencyKey: response.idempotencyKey },
            ...(response.messageRef ? [{ messageRef: response.messageRef }] : []),
          ],
        },
      });
      if (!winner) throw error;
      return { response: toResponse(winner), created: false };
    }
  }

  async findByMessageRef(messageRef: string): Promise<ResponseRecord | null> {
    const row = await this.db.response.findUnique({ where: { messageRef } });
    return row ? toResponse(row) : null;
  }

  async findById(id: string): Promise<ResponseRecord | null> {
    const row = await this.db.response.findUnique({ where: { id } });
    return row ? toResponse(row) : null;
  }

  async revise(responseId: string, body: string, idempotencyKey: string, at: Date): Promise<boolean> {
    try {
      await withinTransaction(this.db, async (tx) => {
        await tx.responseRevision.create({ data: { responseId, body, idempotencyKey, recordedAt: at } });
        await tx.response.update({ where: { id: responseId }, data: { body, editedAt: at } });
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async markDeleted(responseId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.response.updateMany({
      where: { id: responseId, deletedAt: null },
      data: { deletedAt: at },
    });
    return count > 0;
  }

  revisions(responseId: string): Promise<ResponseRevisionRecord[]> {
    return this.db.responseRevision.findMany({
      where: { responseId },
      orderBy: { recordedAt: 'asc' },
      select: { id: true, responseId: true, body: true, recordedAt: true },
    });
  }

  async listByQuestion(questionId: string, options: { includeDeleted?: boolean } = {}): Promise<ResponseRecord[]> {
    const rows = await this.db.response.findMany({
      where: { questionId, ...(options.includeDeleted ? {} : { deletedAt: null }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toResponse);
  }

  async listByParticipant(participantId: string): Promise<ResponseRecord[]> {
    return (await this.db.response.findMany({ where: { participantId }, orderBy: { createdAt: 'asc' } })).map(
      toResponse,
    );
  }

  async respondentIds(questionId: string): Promise<string[]> {
    const rows = await this.db.response.findMany({
      where: { questionId, deletedAt: null },
      select: { participantId: true },
      distinct: ['participantId'],
    });
    return rows.map((r) => r.participantId);
  }

  async hasResponded(questionId: string, participantId: string): Promise<boolean> {
    const row = await this.db.response.findFirst({
      where: { questionId, participantId, deletedAt: null },
      select: { id: true },
    });
    return row !== null;
  }

  async respondedAmong(pairs: Respondent[]): Promise<Respondent[]> {
    if (pairs.length === 0) return [];
    const key = (pair: Respondent) => `${pair.questionId} ${pair.participantId}`;
    // Each pair is looked up by its participant (an index), not every response to the questions.
    const distinct = [...new Map(pairs.map((p) => [key(p), p])).values()];
    const asked = this.raw.rows(
      PAIR_COLUMNS,
      distinct.map((p) => [p.questionId, p.participantId]),
    );
    return this.raw.query<Respondent>(
      `SELECT p."questionId", p."participantId" FROM (${asked.select}) p
       WHERE EXISTS (SELECT 1 FROM {Response} r WHERE r."participantId" = p."participantId"
         AND r."questionId" = p."questionId" AND r."deletedAt" IS NULL)`,
      [asked.param],
    );
  }

  async latestMessageRef(postingId: string): Promise<string | null> {
    const row = await this.db.response.findFirst({
      where: { postingId, messageRef: { not: null } },
      orderBy: { createdAt: 'desc' },
      select: { messageRef: true },
    });
    return row?.messageRef ?? null;
  }
}
