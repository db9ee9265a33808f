// A scan's own SQLite connection on a thread of its own (see row-scan-threads.ts): it reads the statement's rows
// in batches and posts each as soon as it is read, at most AHEAD batches ahead of the reader, so that SQLite's work
// on a large scan runs beside the reader's work on the rows instead of before it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const AHEAD = 2;
let db;

parentPort.on('message', ({ sql, params, batchSize, arrays, flow }) => {
  // flow: [batches taken by the reader, stop asked]; the reader raises them and notifies.
  const taken = new Int32Array(flow);
  try {
    db ??= new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 10_000 });
    const statement = db.prepare(sql).raw(arrays);
    let batch = [];
    let sent = 0;
    for (const row of statement.iterate(...params)) {
      batch.push(row);
      if (batch.length < batchSize) continue;
      parentPort.postMessage({ rows: batch });
      batch = [];
      sent++;
      for (;;) {
        if (Atomics.load(taken, 1) !== 0) return void parentPort.postMessage({ done: true });
        const seen = Atomics.load(taken, 0);
        if (sent - seen < AHEAD) break;
        Atomics.wait(taken, 0, seen, 1000);
      }
    }
    parentPort.postMessage({ rows: batch, done: true });
  } catch (error) {
    parentPort.postMessage({ error: { message: String(error?.message ?? error), code: error?.code } });
  }
});
