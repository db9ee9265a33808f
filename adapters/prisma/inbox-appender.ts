import { Worker } from 'node:worker_threads';
import { AgoraError } from '../../src/core/errors.ts';

interface Answer {
  id: number;
  rows?: unknown[];
  error?: { message: string; code?: string };
}

interface Waiting {
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
}

interface Thread {
  worker: Worker;
  waiting: Map<number, Waiting>;
}

/**
 * The inbox's appends on SQLite, on a connection and a thread of their own (`inbox-append-thread.js`).
 * better-sqlite3 runs SQL on the calling thread, and the store has one connection: an append made there while one
 * of the applier's transactions was open ran inside that transaction (and was lost if it rolled back), and every
 * statement held up the requests waiting to be acknowledged. Here an append waits for the write lock on its own
 * thread (WAL lets the store's connection read meanwhile) while the event loop goes on taking requests. The thread
 * is started with the store (so that the first acknowledgement does not wait for it to start) and again after a
 * failure; it keeps the process alive only while an append is in flight.
 */
export class SqliteInboxAppender {
  #thread: Thread | null = null;
  #next = 0;

  constructor(private readonly file: string) {}

  /** Runs one statement that returns rows (an `INSERT ... RETURNING`), committed once it resolves. */
  query<T>(sql: string, params: unknown[]): Promise<T[]> {
    const thread = this.#started();
    const id = ++this.#next;
    return new Promise<T[]>((resolve, reject) => {
      thread.waiting.set(id, { resolve: (rows) => resolve(rows as T[]), reject });
      thread.worker.ref();
      thread.worker.postMessage({ id, sql, params });
    });
  }

  /** Starts the thread, if it is not running, without waiting for it. */
  start(): void {
    this.#started();
  }

  /** Ends the thread; call once no append is in flight (the pipeline settles its commits first). */
  async close(): Promise<void> {
    const thread = this.#thread;
    this.#thread = null;
    if (thread) await thread.worker.terminate();
  }

  #started(): Thread {
    if (this.#thread) return this.#thread;
    const worker = new Worker(new URL('./inbox-append-thread.js', import.meta.url), {
      workerData: { file: this.file },
    });
    const thread: Thread = { worker, waiting: new Map() };
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiting = thread.waiting.get(answer.id);
      thread.waiting.delete(answer.id);
      if (thread.waiting.size === 0) worker.unref();
      if (!answer.error) waiting?.resolve(answer.rows ?? []);
      else waiting?.reject(notWritten(Object.assign(new Error(answer.error.message), { code: answer.error.code })));
    });
    worker.on('error', (error) => this.#lost(thread, error));
    worker.on('exit', (code) => this.#lost(thread, new Error(`the inbox's thread stopped (exit code ${code})`)));
    this.#thread = thread;
    return thread;
  }

  /** The thread failed or stopped: what it held was not written (not acknowledged); the next append starts anew. */
  #lost(thread: Thread, error: Error): void {
    if (this.#thread === thread) this.#thread = null;
    for (const waiting of thread.waiting.values()) waiting.reject(notWritten(error));
    thread.waiting.clear();
  }
}

const notWritten = (cause: Error) =>
  new AgoraError('STORE_UNAVAILABLE', `the inbox could not be written: ${cause.message}`, {}, { cause });
