import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { AgoraError } from '../../src/core/errors.ts';

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

/** Statements kept prepared; the inbound path's few recur on every batch, model queries vary more. */
const PREPARED_KEPT = 256;

/**
 * Turns at the one SQLite connection: a transaction holds it from BEGIN to COMMIT or ROLLBACK, and anything else
 * waits for it. Without this a statement sent while a transaction is open (an inbox commit during a batch) would run
 * inside it, and be undone with it.
 */
class Turns {
  #tail: Promise<void> = Promise.resolve();
  #taken = 0;

  /** Resolves, in order of asking, with the function that ends the turn. */
  take(): Promise<() => void> {
    this.#taken++;
    const before = this.#tail;
    let end: () => void = () => {};
    this.#tail = new Promise<void>((resolve) => {
      let ended = false;
      end = () => {
        if (ended) return;
        ended = true;
        this.#taken--;
        resolve();
      };
    });
    return before.then(() => end);
  }

  /** Runs `work` now when nobody holds or waits for a turn, else in a turn of its own. */
  async outside<T>(work: () => T | Promise<T>): Promise<T> {
    if (this.#taken === 0) return work();
    const end = await this.take();
    try {
      return await work();
    } finally {
      end();
    }
  }
}

/** A value as Prisma's SQLite adapter binds it: dates as ISO text with an explicit offset, booleans as 0 or 1. */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

type Convert = (value: unknown) => unknown;

/** Read back as Prisma's raw queries give them, by the column's declared type. */
const CONVERT: Record<string, Convert> = {
  DATETIME: (v) => (v === null ? null : new Date(v as string)),
  BOOLEAN: (v) => (v === null ? null : Boolean(v)),
};

interface Prepared {
  statement: Database.Statement;
  /** For statements that return rows: each column's name and conversion. */
  columns: { name: string; convert: Convert | undefined }[] | null;
}

/**
 * The SQLite connection Prisma's adapter opened, shared with statements sent straight to it. The inbound path's
 * statements go this way: through Prisma each costs a few hundred microseconds of CPU (its client, query
 * interpreter and adapter, which also prepares every statement anew) around a statement that takes a few;
 * here they are prepared once and kept. Sent inside a store transaction they are part of it (one connection); sent
 * outside one, they wait for it like Prisma's own queries.
 */
export class SqliteConnection {
  readonly #turns = new Turns();
  readonly #prepared = new Map<string, Prepared>();
  #database: Database.Database | null = null;

  /** The adapter factory for Prisma's client: the same adapter, its queries and transactions taking turns. */
  adapterFactory(config: ConstructorParameters<typeof PrismaBetterSQLite3>[0]): Factory {
    const inner = new PrismaBetterSQLite3(config);
    const connect = async () => this.#attach(await inner.connect());
    return delegate(inner, { connect });
  }

  /** Statements sent outside any transaction: each waits while one is open. */
  readonly outside: SqliteStatements = {
    all: (sql, params) => this.#turns.outside(() => this.#all(sql, params)),
    run: (sql, params) => this.#turns.outside(() => this.#run(sql, params)),
  };

  /** Statements sent inside the store transaction that holds the connection now. */
  readonly within: SqliteStatements = {
    all: async (sql, params) => this.#all(sql, params),
    run: async (sql, params) => this.#run(sql, params),
  };

  #attach(adapter: Adapter): Adapter {
    const database = (adapter as unknown as { client?: unknown }).client;
    if (!(database instanceof Database))
      throw new AgoraError('DATABASE_UNREACHABLE', 'the SQLite adapter no longer exposes its connection');
    this.#database = database;
    beginImmediately(database);
    this.#prepared.clear();
    const turns = this.#turns;
    const overrides: Partial<Adapter> = {
      queryRaw: (query) => turns.outside(() => adapter.queryRaw(query)),
      executeRaw: (query) => turns.outside(() => adapter.executeRaw(query)),
      executeScript: (script) => turns.outside(() => adapter.executeScript(script)),
      startTransaction: async (isolationLevel) => {
        const end = await turns.take();
        try {
          return endingTurn(await adapter.startTransaction(isolationLevel), end);
        } catch (error) {
          end();
          throw error;
        }
      },
    };
    return delegate(adapter, overrides);
  }

  #all(sql: string, params: unknown[]): unknown[] {
    const { statement, columns } = this.#prepare(sql);
    if (!columns) {
      statement.run(params.map(bindable));
      return [];
    }
    const rows = statement.raw(true).all(params.map(bindable)) as unknown[][];
    return rows.map((values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) {
        const { name, convert } = columns[i] as (typeof columns)[number];
        row[name] = convert ? convert(values[i]) : values[i];
      }
      return row;
    });
  }

  #run(sql: string, params: unknown[]): number {
    return this.#prepare(sql).statement.run(params.map(bindable)).changes;
  }

  #prepare(sql: string): Prepared {
    const known = this.#prepared.get(sql);
    if (known) return known;
    if (!this.#database) throw new AgoraError('STORE_UNAVAILABLE', 'the SQLite connection is not open');
    const statement = this.#database.prepare(sql);
    statement.safeIntegers(false);
    const columns = statement.reader
      ? statement.columns().map((c) => ({ name: c.name, convert: c.type ? CONVERT[c.type.toUpperCase()] : undefined }))
      : null;
    const prepared = { statement, columns };
    if (this.#prepared.size >= PREPARED_KEPT) this.#prepared.delete(this.#prepared.keys().next().value as string);
    this.#prepared.set(sql, prepared);
    return prepared;
  }
}

/** Statements sent straight to the connection: rows as Prisma's raw queries return them, or the rows changed. */
export interface SqliteStatements {
  all(sql: string, params: unknown[]): Promise<unknown[]>;
  run(sql: string, params: unknown[]): Promise<number>;
}

/** A transaction that ends its turn when it commits or rolls back. */
function endingTurn(transaction: Transaction, end: () => void): Transaction {
  const ending = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      end();
    }
  };
  return delegate(transaction, {
    commit: ending(() => transaction.commit()),
    rollback: ending(() => transaction.rollback()),
  });
}

function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get: (object, name) => {
      if (name in overrides) return overrides[name as keyof T];
      const value = Reflect.get(object, name);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/**
 * Each transaction begins holding the write lock (`BEGIN IMMEDIATE`, where the adapter sends `BEGIN`). The inbox
 * appends on a connection of its own (see SqliteInboxAppender): a deferred transaction that had read before such an
 * append committed could not write at all (SQLITE_BUSY_SNAPSHOT, which no waiting cures); one that takes the lock
 * first only waits, briefly, for an append to finish.
 */
function beginImmediately(database: Database.Database): void {
  const prepare = database.prepare.bind(database);
  database.prepare = ((sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)) as typeof database.prepare;
}
