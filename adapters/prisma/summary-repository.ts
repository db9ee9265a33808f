import type { StoredSummary, SummaryRepository } from '../../src/core/ports/store.ts';
import type { RawSql } from './raw-sql.ts';
import { recordId } from './record-id.ts';
import { asDate } from './row-scan.ts';

const COLUMNS = [
  { name: 'id', type: 'text' },
  { name: 'questionId', type: 'text' },
  { name: 'method', type: 'text' },
  { name: 'inputHash', type: 'text' },
  { name: 'content', type: 'json' },
  { name: 'createdAt', type: 'timestamp' },
] as const;

interface SummaryRow {
  id: string;
  questionId: string;
  method: string;
  inputHash: string;
  content: string;
  createdAt: unknown;
}

/**
 * The Summary table: every computed summary of a question, newest last, so earlier weeks can be compared. A
 * summary of a large question holds every theme's response ids (megabytes of JSON), so it is written and read as
 * one JSON text in raw SQL: through Prisma's model queries, saving one took hundreds of milliseconds of CPU.
 */
export class PrismaSummaryRepository implements SummaryRepository {
  constructor(private readonly raw: RawSql) {}

  async save(summary: Omit<StoredSummary, 'id'>): Promise<StoredSummary> {
    const id = recordId(summary.createdAt.getTime());
    const row = [id, summary.questionId, summary.method, summary.inputHash, summary.content, summary.createdAt];
    const { values, params } = this.raw.values(COLUMNS, row);
    await this.raw.execute(`INSERT INTO {Summary} (${COLUMNS.map((c) => `"${c.name}"`).join(', ')}) ${values}`, params);
    return { id, ...summary };
  }

  async latest(questionId: string, method: string, options: { before?: Date } = {}): Promise<StoredSummary | null> {
    const [row] = await this.raw.query<SummaryRow>(
      `SELECT "id", "questionId", "method", "inputHash", CAST("content" AS TEXT) AS "content", "createdAt"
      FROM {Summary} WHERE "questionId" = ? AND "method" = ?${options.before ? ' AND "createdAt" < ?' : ''}
      ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
      options.before ? [questionId, method, options.before] : [questionId, method],
    );
    if (!row) return null;
    return { ...row, content: JSON.parse(row.content) as unknown, createdAt: asDate(row.createdAt) };
  }
}
