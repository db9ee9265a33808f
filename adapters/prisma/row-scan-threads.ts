import { Worker } from 'node:worker_threads';
import { AgoraError } from '../../src/core/errors.ts';

interface Message {
  rows?: unknown[];
  done?: boolean;
  error?: { message: string; code?: string };
}

interface Reader {
  push(message: Message): void;
}

interface Thread {
  worker: Worker;
  reader: Reader | null;
}

/**
 * Large SQLite scans on threads of their own (`row-scan-thread.js`), each a read-only connection that reads ahead of
 * the reader by a couple of batches. better-sqlite3 runs SQL on the calling thread, so a scan of a million rows
 * on the main thread runs SQLite's work and the reader's work on the rows one after the other; here they run side by
 * side. Idle threads are kept for the next scan and do not keep the process alive.
 */
export class RowScanThreads {
  readonly #idle: Thread[] = [];
  readonly #all = new Set<Thread>();

  constructor(private readonly file: string) {}

  async *scan<T>(sql: string, params: unknown[], batchSize: number, arrays: boolean): AsyncIterable<T[]> {
    const thread = this.#idle.pop() ?? this.#started();
    const flow = new SharedArrayBuffer(8);
    const taken = new Int32Array(flow);
    const queue: Message[] = [];
    let wake: (() => void) | null = null;
    thread.reader = {
      push(message) {
        queue.push(message);
        wake?.();
      },
    };
    thread.worker.ref();
    thread.worker.postMessage({ sql, params, batchSize, arrays, flow });
    let finished = false;
    try {
      for (;;) {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const message = queue.shift() as Message;
        // Known before the rows are handed on: a reader that stops at the last batch leaves nothing running.
        finished = message.done === true || message.error !== undefined;
        if (message.error) throw Object.assign(new Error(message.error.message), { code: message.error.code });
        Atomics.add(taken, 0, 1);
        Atomics.notify(taken, 0);
        if (message.rows && message.rows.length > 0) yield message.rows as T[];
        if (finished) return;
      }
    } finally {
      if (!finished) {
        // Stopped early: the thread ends the scan and says so; only then is it free for another.
        Atomics.store(taken, 1, 1);
        Atomics.notify(taken, 0);
        while (!queue.some((m) => m.done || m.error)) await new Promise<void>((resolve) => (wake = resolve));
      }
      thread.reader = null;
      thread.worker.unref();
      if (this.#all.has(thread)) this.#idle.push(thread);
    }
  }

  async close(): Promise<void> {
    const threads = [...this.#all];
    this.#all.clear();
    this.#idle.length = 0;
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  #started(): Thread {
    const worker = new Worker(new URL('./row-scan-thread.js', import.meta.url), { workerData: { file: this.file } });
    const thread: Thread = { worker, reader: null };
    worker.unref();
    worker.on('message', (message: Message) => thread.reader?.push(message));
    const lost = (error: Error) => {
      this.#all.delete(thread);
      const at = this.#idle.indexOf(thread);
      if (at >= 0) this.#idle.splice(at, 1);
      thread.reader?.push({ error: { message: error.message } });
    };
    worker.on('error', lost);
    worker.on('exit', (code) =>
      lost(new AgoraError('STORE_UNAVAILABLE', `a scan's thread stopped (exit code ${code})`)),
    );
    this.#all.add(thread);
    return thread;
  }
}
