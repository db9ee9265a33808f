// A scan's own SQLite connection on a thread of its own (see row-scan-threads.ts): it reads the statement's rows
// in batches and posts each as soon as it is read, at most AHEAD batches ahead of the reader, so that SQLite's work
// on a large scan runs beside the reader's work on the rows instead of before it.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';

const AHEAD = 2;
const connections = new Map();

parentPort.on('message', ({ scan, file, sql, params, batchSize, arrays, flow }) => {
  // flow: [batches taken by the reader, stop asked]; the reader raises them and notifies.
  const taken = new Int32Array(flow);
  let db = connections.get(file);
  try {
    if (!db) {
      db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
      connections.set(file, db);
    }
    const statement = db.prepare(sql).raw(arrays);
    let batch = [];
    let sent = 0;
    for (const row of statement.iterate(...params)) {
      batch.push(row);
      if (batch.length < batchSize) continue;
      parentPort.postMessage({ scan, rows: batch });
      batch = [];
      sent++;
      for (;;) {
        if (Atomics.load(taken, 1) !== 0) return void parentPort.postMessage({ scan, done: true });
        const seen = Atomics.load(taken, 0);
        if (sent - seen < AHEAD) break;
        Atomics.wait(taken, 0, seen, 1000);
      }
    }
    parentPort.postMessage({ scan, rows: batch, done: true });
  } catch (error) {
    parentPort.postMessage({ scan, error: { message: String(error?.message ?? error), code: error?.code } });
  }
});
