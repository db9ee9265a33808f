import type { DatabaseTarget } from './database-url.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';

/**
 * SQL written once for both databases: `{Response}` -> `"Response"` (SQLite) or `"schema"."Response"`
 * (PostgreSQL), and `?` -> `$n` on PostgreSQL.
 */
export function dialectSql(target: DatabaseTarget, text: string): string {
  if (target.provider === 'sqlite') return text.replace(/\{(\w+)\}/g, '"$1"');
  const schema = `"${target.schema.replace(/"/g, '""')}"`;
  let n = 0;
  return text.replace(/\{(\w+)\}/g, `${schema}."$1"`).replace(/\?/g, () => `$${++n}`);
}

/** `?, ?, ?` for `count` values. */
export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

/** Rows per multi-row statement: well under either database's limit on parameters. */
export const ROWS_PER_STATEMENT = 500;

/** Splits rows into the chunks one statement takes. */
export function chunks<T>(rows: T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let from = 0; from < rows.length; from += size) out.push(rows.slice(from, from + size));
  return out;
}

/**
 * Statements sent as written, through the same Prisma client (and so in its transaction, when it is one). The
 * inbound path's statements go this way: a model query costs several times the CPU of the same statement sent raw
 * (its query compiler runs on every call), and that, not the database, bounded how fast events were applied.
 * Values are typed by their columns (dates, booleans, JSON), as Prisma's own queries type them.
 */
export class RawSql {
  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly target: DatabaseTarget,
  ) {}

  query<T>(text: string, params: unknown[]): Promise<T[]> {
    return this.db.$queryRawUnsafe<T[]>(dialectSql(this.target, text), ...params);
  }

  execute(text: string, params: unknown[]): Promise<number> {
    return this.db.$executeRawUnsafe(dialectSql(this.target, text), ...params);
  }
}
