// The inbox's own SQLite connection, on a thread of its own (see inbox-appender.ts): it runs each statement it is
// sent (each returns rows), one at a time, and answers with those rows. Waiting here for the write lock blocks only this thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** How long a statement waits for the write lock, as long as the store's own connection does. */
const LOCK_WAIT_MS = 10_000;

const db = new Database(workerData.file, { timeout: 0 });
db.pragma('synchronous = NORMAL');
const statements = new Map();
const pause = new Int32Array(new SharedArrayBuffer(4));

function run(sql, params) {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  const until = performance.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return statement.all(...params);
    } catch (error) {
      if (error?.code !== 'SQLITE_BUSY' || performance.now() > until) throw error;
      // The store's connection holds the write lock (a transaction of the applier): look again a millisecond on,
      // rather than after SQLite's own back-off, which grows to 100 ms between looks.
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

parentPort.on('message', ({ id, sql, params }) => {
  try {
    parentPort.postMessage({ id, rows: run(sql, params) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), code: error?.code } });
  }
});
