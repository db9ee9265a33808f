import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from './database-url.ts';

/**
 * Applies the SQL migrations in prisma/<provider>/migrations, recording them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does (so the Prisma CLI agrees on what is applied). PostgreSQL runs them under the same
 * advisory lock Prisma uses, so replicas starting together apply each migration once; SQLite under BEGIN IMMEDIATE.
 */

const MIGRATIONS_ROOT = path.resolve(import.meta.dirname, '..', '..', 'prisma');
const PRISMA_ADVISORY_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export async function readMigrations(provider: DatabaseTarget['provider']): Promise<Migration[]> {
  const folder = path.join(MIGRATIONS_ROOT, provider, 'migrations');
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(folder, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function migrateSqlite(file: string, migrations: Migration[], apply: boolean): MigrationStatus {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(SQLITE_TABLE);
    const status: MigrationStatus = { applied: [], pending: [] };
    const run = db.transaction(() => {
      const done = new Set(
        (
          db
            .prepare(
              'SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
            )
            .all() as { migration_name: string }[]
        ).map((r) => r.migration_name),
      );
      for (const migration of migrations) {
        if (done.has(migration.name)) status.applied.push(migration.name);
        else if (!apply) status.pending.push(migration.name);
        else {
          db.exec(migration.sql);
          db.prepare(
            'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
          ).run(randomUUID(), migration.checksum, Date.now(), migration.name, Date.now());
          status.applied.push(migration.name);
        }
      }
    });
    run.immediate();
    return status;
  } finally {
    db.close();
  }
}

async function migratePostgres(
  connectionString: string,
  schema: string,
  migrations: Migration[],
  apply: boolean,
): Promise<MigrationStatus> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
    await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      await client.query(POSTGRES_TABLE);
      const done = new Set(
        (
          await client.query(
            'SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
          )
        ).rows.map((r) => r.migration_name as string),
      );
      const status: MigrationStatus = { applied: [], pending: [] };
      for (const migration of migrations) {
        if (done.has(migration.name)) status.applied.push(migration.name);
        else if (!apply) status.pending.push(migration.name);
        else {
          await client.query('BEGIN');
          try {
            await client.query(migration.sql);
            await client.query(
              'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)',
              [randomUUID(), migration.checksum, migration.name],
            );
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
          status.applied.push(migration.name);
        }
      }
      return status;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function run(target: DatabaseTarget, apply: boolean): Promise<MigrationStatus> {
  const migrations = await readMigrations(target.provider);
  return target.provider === 'sqlite'
    ? migrateSqlite(target.file, migrations, apply)
    : migratePostgres(target.connectionString, target.schema, migrations, apply);
}

export const migrate = (target: DatabaseTarget) => run(target, true);
export const migrationStatus = (target: DatabaseTarget) => run(target, false);
