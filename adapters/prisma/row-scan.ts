import Database from 'better-sqlite3';
import pg from 'pg';
import { AgoraError } from '../../src/core/errors.ts';
import type { DatabaseTarget } from './database-url.ts';
import { dialectSql } from './raw-sql.ts';
import type { RowScanThreads } from './row-scan-threads.ts';

/**
 * Streaming reads for reports, below Prisma: a read-only better-sqlite3 connection iterating a statement (SQLite),
 * or a server-side cursor fetched in batches (PostgreSQL). Each scan has its own connection, so scans can run side
 * by side and a writer is never blocked. SQL is written once with `?` placeholders and `{Table}` names; values come
 * back as the driver gives them and are normalised by the caller (see `asDate`, `asJson`, `asBoolean`).
 */

export type SqlValue = string | number | null | Date;

const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

function sqliteValue(value: SqlValue): string | number | null {
  // Prisma stores SQLite DateTime as ISO text with an explicit UTC offset; comparisons are textual.
  return value instanceof Date ? value.toISOString().replace('Z', '+00:00') : value;
}

function postgresValue(value: SqlValue): string | number | null {
  // Prisma's columns are `timestamp(3)` without time zone, holding UTC.
  return value instanceof Date ? value.toISOString().slice(0, 23) : value;
}

export interface ScanPlacement {
  /**
   * On SQLite, run the statement on a thread of its own (see RowScanThreads): for statements that do much work per
   * row they return (grouping, index-only reads of many entries). Rows with much text cost more to copy across than
   * to read here, so the others stay on the calling thread.
   */
  ownThread?: boolean;
}

export class RowScanner {
  constructor(
    readonly target: DatabaseTarget,
    private readonly threads: RowScanThreads | null = null,
  ) {}

  /** `{Response}` -> `"Response"` (SQLite) or `"schema"."Response"` (PostgreSQL); `?` -> `$n` on PostgreSQL. */
  sql(text: string): string {
    return dialectSql(this.target, text);
  }

  /** Every row of a small result. */
  async all<T>(text: string, params: SqlValue[]): Promise<T[]> {
    const rows: T[] = [];
    for await (const batch of this.scan<T>(text, params, 10_000)) rows.push(...batch);
    return rows;
  }

  /** The rows of a query (objects keyed by column) in batches of `batchSize`; stopping early closes the cursor. */
  scan<T>(text: string, params: SqlValue[], batchSize: number): AsyncIterable<T[]> {
    return this.#scan<T>(text, params, batchSize, false);
  }

  /** The same, each row an array of values in column order: cheaper for millions of rows. */
  scanArrays(
    text: string,
    params: SqlValue[],
    batchSize: number,
    options: ScanPlacement = {},
  ): AsyncIterable<unknown[][]> {
    return this.#scan<unknown[]>(text, params, batchSize, true, options);
  }

  /**
   * The rows of `text` (a SELECT ... WHERE ..., no ORDER BY) oldest first, in pages of `size`, each page its own
   * short statement that starts after the last row of the one before (keyset pagination on `at`, then `id`, both
   * also columns `atColumn` and 0 of the result). One connection serves every page, but no transaction or cursor
   * stays open between them however long the reader takes, and each page is an index range, not a scan from the
   * start. Rows come as arrays of values.
   */
  async *pages(
    text: string,
    key: { at: string; id: string; atColumn: number },
    params: SqlValue[],
    size: number,
  ): AsyncIterable<unknown[][]> {
    const first = this.sql(`${text} ORDER BY ${key.at}, ${key.id} LIMIT ?`);
    const next = this.sql(
      `${text} AND ${key.at} >= ? AND (${key.at} > ? OR ${key.id} > ?) ORDER BY ${key.at}, ${key.id} LIMIT ?`,
    );
    const session = this.#session();
    try {
      let after: unknown[] | null = null;
      for (;;) {
        const at = after?.[key.atColumn] as SqlValue;
        const page = after
          ? await session.query(next, [...params, at, at, String(after[0]), size])
          : await session.query(first, [...params, size]);
        if (page.length > 0) yield page;
        if (page.length < size) return;
        after = page.at(-1) as unknown[];
      }
    } finally {
      await session.close();
    }
  }

  /** One connection for several short statements, each on its own (autocommit), rows as arrays. */
  #session(): { query(text: string, params: SqlValue[]): Promise<unknown[][]>; close(): Promise<void> } {
    const target = this.target;
    if (target.provider === 'sqlite') {
      const db = new Database(target.file, { readonly: true, fileMustExist: true, timeout: 10_000 });
      const statements = new Map<string, Database.Statement>();
      return {
        async query(text, params) {
          let statement = statements.get(text);
          if (!statement) {
            statement = db.prepare(text).raw(true);
            statements.set(text, statement);
          }
          const rows = statement.all(...params.map(sqliteValue)) as unknown[][];
          // better-sqlite3 is synchronous: let timers and requests in between pages.
          await new Promise<void>((resolve) => setImmediate(resolve));
          return rows;
        },
        async close() {
          db.close();
        },
      };
    }
    const client = this.#postgresClient();
    const connected = client.connect();
    return {
      async query(text, params) {
        await connected;
        const result = await client.query({ text, values: params.map(postgresValue), rowMode: 'array' as const });
        return result.rows as unknown[][];
      },
      async close() {
        await connected.catch(() => {});
        await client.end().catch(() => {});
      },
    };
  }

  #postgresClient(): pg.Client {
    if (this.target.provider !== 'postgres')
      throw new AgoraError('CONFIG_INVALID', 'a PostgreSQL row scan was asked of a database that is not PostgreSQL');
    return new pg.Client({
      connectionString: this.target.connectionString,
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === TIMESTAMP_WITHOUT_TIME_ZONE
            ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
  }

  #scan<T>(
    text: string,
    params: SqlValue[],
    batchSize: number,
    arrays: boolean,
    options: ScanPlacement = {},
  ): AsyncIterable<T[]> {
    return this.target.provider === 'sqlite'
      ? this.#scanSqlite<T>(this.sql(text), params, batchSize, arrays, options)
      : this.#scanPostgres<T>(this.sql(text), params, batchSize, arrays);
  }

  async *#scanSqlite<T>(
    text: string,
    params: SqlValue[],
    batchSize: number,
    arrays: boolean,
    options: ScanPlacement,
  ): AsyncIterable<T[]> {
    if (this.target.provider !== 'sqlite') return;
    if (options.ownThread && this.threads) {
      yield* this.threads.scan<T>(text, params.map(sqliteValue), batchSize, arrays);
      return;
    }
    const db = new Database(this.target.file, { readonly: true, fileMustExist: true, timeout: 10_000 });
    try {
      let batch: T[] = [];
      const statement = db.prepare(text).raw(arrays);
      for (const row of statement.iterate(...params.map(sqliteValue)) as Iterable<T>) {
        batch.push(row);
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
          // better-sqlite3 is synchronous: let timers and requests in between batches.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      db.close();
    }
  }

  async *#scanPostgres<T>(text: string, params: SqlValue[], batchSize: number, arrays: boolean): AsyncIterable<T[]> {
    if (this.target.provider !== 'postgres') return;
    const client = this.#postgresClient();
    await client.connect();
    let open = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      open = true;
      await client.query(`DECLARE agora_scan NO SCROLL CURSOR FOR ${text}`, params.map(postgresValue));
      for (;;) {
        const result = await client.query({
          text: `FETCH ${Math.max(1, Math.floor(batchSize))} FROM agora_scan`,
          ...(arrays ? { rowMode: 'array' as const } : {}),
        });
        if (result.rows.length > 0) yield result.rows as T[];
        if (result.rows.length < batchSize) break;
      }
      await client.query('COMMIT');
      open = false;
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => {});
      await client.end().catch(() => {});
    }
  }
}

export function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  return new Date(String(value));
}

export function asOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : asDate(value);
}

export function asJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function asBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1' || value === 't';
}

export function asNumber(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value);
}
