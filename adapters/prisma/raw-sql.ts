import type { DatabaseTarget } from './database-url.ts';
import type { AgoraPrismaClient } from './prisma-client.ts';
import type { SqliteConnection, SqliteStatements } from './sqlite-connection.ts';
import type { Tx } from './within-transaction.ts';

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

/** How a column's values are sent and read back in SQL, as Prisma's own queries store them. */
type ColumnType = 'text' | 'integer' | 'boolean' | 'timestamp' | 'json';

export interface Column {
  name: string;
  type: ColumnType;
}

const POSTGRES_TYPE: Record<ColumnType, string> = {
  text: 'text',
  integer: 'integer',
  boolean: 'boolean',
  timestamp: 'timestamp(3)',
  json: 'jsonb',
};

/**
 * Statements sent as written, in the same transaction as the Prisma client they are made with, when it is one. The
 * inbound path's statements go this way: a model query costs several times the CPU of the same statement sent raw
 * (its query compiler runs on every call), and so does every parameter of a raw one, so many rows or values travel
 * as one JSON parameter (`rows`, `list`), unpacked by the database. On SQLite they skip Prisma altogether and go
 * to its connection as prepared statements (`sqlite`, see `SqliteConnection`).
 */
export class RawSql {
  private readonly statements: SqliteStatements | null;

  constructor(
    private readonly db: AgoraPrismaClient,
    private readonly target: DatabaseTarget,
    private readonly sqlite: SqliteConnection | null = null,
    /** Whether `db` is a transaction's client (which then holds the SQLite connection). */
    inTransaction = false,
  ) {
    this.statements = sqlite ? (inTransaction ? sqlite.within : sqlite.outside) : null;
  }

  /** The same statements in the transaction whose client is `tx`. */
  within(tx: Tx): RawSql {
    return new RawSql(tx as AgoraPrismaClient, this.target, this.sqlite, true);
  }

  query<T>(text: string, params: unknown[]): Promise<T[]> {
    const sql = dialectSql(this.target, text);
    if (this.statements) return this.statements.all(sql, params) as Promise<T[]>;
    return this.db.$queryRawUnsafe<T[]>(sql, ...params);
  }

  execute(text: string, params: unknown[]): Promise<number> {
    const sql = dialectSql(this.target, text);
    if (this.statements) return this.statements.run(sql, params);
    return this.db.$executeRawUnsafe(sql, ...params);
  }

  /**
   * A SELECT of the given rows in order, each value cast to its column's type and named after it, and its one
   * parameter: for `INSERT INTO {Table} (columns) ${select}`, or as a table to join.
   */
  rows(columns: Column[], rows: unknown[][]): { select: string; param: string } {
    const param = JSON.stringify(rows.map((row) => columns.map((column, i) => this.#encode(column.type, row[i]))));
    if (this.target.provider === 'sqlite') {
      const values = columns.map((c, i) => `j.value->>${i} AS "${c.name}"`).join(', ');
      // `WHERE true` lets an `ON CONFLICT` clause follow the SELECT; `j.key` is the row's place in the array.
      return { select: `SELECT ${values} FROM json_each(?) AS j WHERE true ORDER BY j.key`, param };
    }
    const values = columns.map((c, i) => `CAST(r.value->>${i} AS ${POSTGRES_TYPE[c.type]}) AS "${c.name}"`).join(', ');
    return {
      select: `SELECT ${values} FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY AS r(value, n) ORDER BY r.n`,
      param,
    };
  }

  /**
   * One row's `VALUES (...)` and its parameters, each value bound as itself (cast to its column's type on
   * PostgreSQL): for a row holding one large value, which `rows` would wrap in a second JSON text for the
   * database to take apart again.
   */
  values(columns: readonly Column[], row: readonly unknown[]): { values: string; params: unknown[] } {
    const sqlite = this.target.provider === 'sqlite';
    const placeholders = columns.map((c) => (sqlite ? '?' : `CAST(? AS ${POSTGRES_TYPE[c.type]})`));
    return {
      values: `VALUES (${placeholders.join(', ')})`,
      params: columns.map((column, i) => this.#encode(column.type, row[i])),
    };
  }

  /** A subquery of the given values, and its one parameter: for `column IN ${list}`. */
  list(type: 'text' | 'integer', values: (string | number)[]): { in: string; param: string } {
    const param = JSON.stringify(values);
    if (this.target.provider === 'sqlite') return { in: '(SELECT value FROM json_each(?))', param };
    return { in: `(SELECT CAST(json_array_elements_text(CAST(? AS json)) AS ${type}))`, param };
  }

  /**
   * A column for a condition to check on rows found some other way (by their ids): on SQLite, a unary plus, so that
   * its planner does not read every row of an indexed value (every pending event) to find the few asked for.
   */
  unindexed(column: string): string {
    return this.target.provider === 'sqlite' ? `+"${column}"` : `"${column}"`;
  }

  #encode(type: ColumnType, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const sqlite = this.target.provider === 'sqlite';
    switch (type) {
      case 'boolean':
        return sqlite ? (value ? 1 : 0) : Boolean(value);
      case 'timestamp':
        // Prisma keeps SQLite dates as ISO text with an explicit offset (compared as text); PostgreSQL's
        // `timestamp(3)` columns hold UTC.
        return sqlite ? (value as Date).toISOString().replace('Z', '+00:00') : (value as Date).toISOString();
      case 'json':
        return JSON.stringify(value);
      default:
        return value;
    }
  }
}
