import type { InboxEntry } from '../ports/inbox.ts';

export type CommitResult = 'stored' | 'duplicate';

interface Waiting {
  entry: InboxEntry;
  resolve(result: CommitResult): void;
  reject(error: unknown): void;
}

/** Lets the event loop take the requests that have arrived, so that their entries join the commit. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Group commit: a commit starts on the event loop's next turn and takes every entry added by then; every entry
 * that arrives while a commit runs waits for the next one, and the next one takes them all in one transaction.
 * (A commit to SQLite can finish within the turn it started in, so without that wait each would hold one entry.) So durability costs one commit per batch rather than per event, and under load the
 * batches grow instead of the queue. `add` resolves only once its entry is committed (or found a duplicate).
 */
export class GroupCommit {
  #queue: Waiting[] = [];
  #running: Promise<void> | null = null;

  constructor(
    private readonly commit: (entries: InboxEntry[]) => Promise<boolean[]>,
    private readonly maxBatch = 500,
  ) {}

  /** Entries waiting for a commit. */
  get backlog(): number {
    return this.#queue.length;
  }

  /** Whether a commit is running or entries wait for one: the applier gives way while so. */
  get busy(): boolean {
    return this.#running !== null;
  }

  add(entry: InboxEntry): Promise<CommitResult> {
    return new Promise<CommitResult>((resolve, reject) => {
      this.#queue.push({ entry, resolve, reject });
      this.#running ??= this.#drain();
    });
  }

  /** Resolves when every entry added so far has been committed or refused (for an orderly stop). */
  async settle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      await nextTurn();
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.maxBatch);
        try {
          const stored = await this.commit(batch.map((w) => w.entry));
          batch.forEach((w, i) => {
            w.resolve(stored[i] ? 'stored' : 'duplicate');
          });
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.#running = null;
    }
  }
}
