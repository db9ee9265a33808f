/**
 * Runs work one at a time per key (a channel), in arrival order, and different keys side by side. A thread's
 * create, edit and delete are so handled in the order Discord sent them, and a reply after the message it answers.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #running = new Set<Promise<void>>();

  /** Resolves when the work has run; the work handles its own errors (a failure here is dropped, never thrown). */
  run(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const tail = previous.then(work).catch(() => {});
    this.#tails.set(key, tail);
    this.#running.add(tail);
    void tail.then(() => {
      this.#running.delete(tail);
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return tail;
  }

  /** Resolves once everything queued so far has run, or after `timeoutMs`. */
  async settle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#running]), timeout]);
    clearTimeout(timer);
  }
}
