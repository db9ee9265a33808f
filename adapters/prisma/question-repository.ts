import type { NewStatement, QuestionRepository } from '../../src/core/ports/store.ts';
import type { PollOptionRecord, QuestionRecord, StatementStatus } from '../../src/core/records.ts';
import type { QuestionStatus } from '../../src/core/types.ts';
import { toOption, toQuestion } from './mappers.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import { TtlCache } from './ttl-cache.ts';

export class PrismaQuestionRepository implements QuestionRepository {
  constructor(
    private readonly db: AgoraPrismaClient,
    // Read on every response and vote; a status change made by another replica is seen within two seconds.
    readonly byId = new TtlCache<QuestionRecord>(2_000),
  ) {}

  async findById(id: string): Promise<QuestionRecord | null> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const row = await this.db.question.findUnique({ where: { id } });
    return row ? this.byId.set(id, toQuestion(row)) : null;
  }

  async findByKey(programmeId: string, key: string): Promise<QuestionRecord | null> {
    const row = await this.db.question.findUnique({ where: { programmeId_key: { programmeId, key } } });
    return row ? toQuestion(row) : null;
  }

  async listByProgramme(programmeId: string, options: { includeArchived?: boolean } = {}): Promise<QuestionRecord[]> {
    const rows = await this.db.question.findMany({
      where: { programmeId, ...(options.includeArchived ? {} : { status: { not: 'archived' } }) },
      orderBy: { position: 'asc' },
    });
    return rows.map(toQuestion);
  }

  async listByStatus(status: QuestionStatus): Promise<QuestionRecord[]> {
    return (await this.db.question.findMany({ where: { status }, orderBy: { position: 'asc' } })).map(toQuestion);
  }

  countResponses(questionId: string): Promise<number> {
    return this.db.response.count({ where: { questionId, deletedAt: null } });
  }

  async setStatus(id: string, status: QuestionStatus, at: Date): Promise<QuestionRecord> {
    const stamp =
      status === 'open'
        ? { openedAt: at, closedAt: null }
        : status === 'closed'
          ? { closedAt: at }
          : status === 'archived'
            ? { archivedAt: at }
            : {};
    this.byId.delete(id);
    return toQuestion(await this.db.question.update({ where: { id }, data: { status, ...stamp } }));
  }

  async options(
    questionId: string,
    options: { includePending?: boolean; includeRejected?: boolean } = {},
  ): Promise<PollOptionRecord[]> {
    const status = options.includeRejected
      ? {}
      : options.includePending
        ? { status: { not: 'rejected' } }
        : { status: 'approved' };
    const rows = await this.db.pollOption.findMany({
      where: { questionId, ...status },
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    });
    return rows.map(toOption);
  }

  async addStatement({
    questionId,
    label,
    authorId,
    status,
    sourceId = null,
    createdAt,
  }: NewStatement): Promise<PollOptionRecord> {
    const count = await this.db.pollOption.count({ where: { questionId } });
    const key = `p${count + 1}-${createdAt.getTime().toString(36)}`;
    const row = await this.db.pollOption.create({
      data: { questionId, key, label, position: count, authorId, status, sourceId, createdAt },
    });
    return toOption(row);
  }

  async setStatementStatus(optionId: string, status: StatementStatus): Promise<PollOptionRecord> {
    return toOption(await this.db.pollOption.update({ where: { id: optionId }, data: { status } }));
  }

  async addReviewCard(statementId: string, messageRef: string): Promise<void> {
    await this.db.statementReviewCard.upsert({
      where: { statementId_messageRef: { statementId, messageRef } },
      create: { statementId, messageRef },
      update: {},
    });
  }

  async reviewCards(statementId: string): Promise<string[]> {
    const rows = await this.db.statementReviewCard.findMany({
      where: { statementId },
      orderBy: { id: 'asc' },
      select: { messageRef: true },
    });
    return rows.map((row) => row.messageRef);
  }
}
