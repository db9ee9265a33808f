import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RowScanThreads } from '../../adapters/prisma/row-scan-threads.ts';

const ROWS = 25_000;
const ALL = 'SELECT "n", "label" FROM "Item" ORDER BY "n"';

async function collect<T>(scan: AsyncIterable<T[]>): Promise<{ rows: T[]; batches: number[] }> {
  const rows: T[] = [];
  const batches: number[] = [];
  for await (const batch of scan) {
    batches.push(batch.length);
    rows.push(...batch);
  }
  return { rows, batches };
}

/** Large report scans on SQLite run on threads of their own, reading ahead of the reader. */
describe('scans on their own threads', () => {
  let folder: string;
  let file: string;
  let threads: RowScanThreads;

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'agora-scan-'));
    file = path.join(folder, 'scan.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE "Item" ("n" INTEGER PRIMARY KEY, "label" TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO "Item" ("n", "label") VALUES (?, ?)');
    db.transaction(() => {
      for (let n = 0; n < ROWS; n++) insert.run(n, `item ${n} ✓`);
    })();
    db.close();
    threads = new RowScanThreads(file);
  });
  afterEach(async () => {
    await threads.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads every row, in order, in batches of the size asked, as the same query on this thread does', async () => {
    const { rows, batches } = await collect(threads.scan<unknown[]>(ALL, [], 1000, true));
    const db = new Database(file, { readonly: true });
    expect(rows).toEqual(db.prepare(ALL).raw(true).all());
    db.close();
    expect(batches).toEqual(Array(ROWS / 1000).fill(1000));
    const objects = await collect(threads.scan('SELECT "label" FROM "Item" WHERE "n" = ?', [7], 10, false));
    expect(objects.rows).toEqual([{ label: 'item 7 ✓' }]);
  });

  it('frees the thread of a scan its reader stops early, at any batch, for the scans after it', async () => {
    for (const stopAfter of [1, 3, ROWS / 1000]) {
      let read = 0;
      for await (const _batch of threads.scan<unknown[]>(ALL, [], 1000, true)) if (++read === stopAfter) break;
      expect(read).toBe(stopAfter);
    }
    expect((await collect(threads.scan(ALL, [], 5000, true))).rows).toHaveLength(ROWS);
  });

  it('runs scans side by side, each with its own rows', async () => {
    const evens = threads.scan<[number]>('SELECT "n" FROM "Item" WHERE "n" % 2 = 0 ORDER BY "n"', [], 500, true);
    const odds = threads.scan<[number]>('SELECT "n" FROM "Item" WHERE "n" % 2 = 1 ORDER BY "n"', [], 700, true);
    const [a, b] = await Promise.all([collect(evens), collect(odds)]);
    expect(a.rows.map(([n]) => n)).toEqual(Array.from({ length: ROWS / 2 }, (_, i) => 2 * i));
    expect(b.rows.map(([n]) => n)).toEqual(Array.from({ length: ROWS / 2 }, (_, i) => 2 * i + 1));
  });

  it("rejects with SQLite's own message when a statement fails, and goes on serving", async () => {
    await expect(collect(threads.scan('SELECT "missing" FROM "Item"', [], 100, true))).rejects.toThrow(
      /no such column: "?missing"?/,
    );
    expect((await collect(threads.scan('SELECT COUNT(*) FROM "Item"', [], 100, true))).rows).toEqual([[ROWS]]);
  });
});
