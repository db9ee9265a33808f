import type { StoredSummary, SummaryRepository } from '../../src/core/ports/store.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

/** The Summary table: every computed summary of a question, newest last, so earlier weeks can be compared. */
export class PrismaSummaryRepository implements SummaryRepository {
  constructor(private readonly db: AgoraPrismaClient) {}

  save(summary: Omit<StoredSummary, 'id'>): Promise<StoredSummary> {
    return this.db.summary.create({ data: { ...summary, content: summary.content as object } });
  }

  latest(questionId: string, method: string, options: { before?: Date } = {}): Promise<StoredSummary | null> {
    return this.db.summary.findFirst({
      where: { questionId, method, ...(options.before ? { createdAt: { lt: options.before } } : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }
}
