interface Waiter<T> {
  matches: (item: T) => boolean;
  resolve: (item: T) => void;
  timer: NodeJS.Timeout;
}

/** Promises that settle when a matching item is announced, or reject after a timeout. */
export class Waiters<T> {
  readonly #waiting = new Set<Waiter<T>>();

  wait(matches: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve,
        timer: setTimeout(() => {
          this.#waiting.delete(waiter);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs),
      };
      this.#waiting.add(waiter);
    });
  }

  announce(item: T): void {
    for (const waiter of this.#waiting) {
      if (!waiter.matches(item)) continue;
      clearTimeout(waiter.timer);
      this.#waiting.delete(waiter);
      waiter.resolve(item);
    }
  }
}
