/** A turn of the event loop: the store's calls never yield on their own, so long work yields between steps. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Events are acknowledged before they are worked on; this lane then works on at most `concurrency` of them at a
 * time, and only while no request from Slack is waiting for its acknowledgement. Slack wants each one within
 * 3 seconds, so under a burst the acknowledgements go first and the recording catches up behind them, instead of
 * the two competing for the one thread and both falling behind.
 */
export class EventLane {
  readonly #waiting: (() => void)[] = [];
  #running = 0;
  #inFlight = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaitMs = 1000,
  ) {}

  get backlog(): number {
    return this.#waiting.length;
  }

  /** A request from Slack arrived; work waits until every such request has been answered. */
  requestArrived(): void {
    this.#inFlight++;
  }

  requestAnswered(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (this.#inFlight === 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      if (this.#running < this.concurrency) {
        this.#running++;
        setImmediate(start);
      } else this.#waiting.push(start);
    });
    try {
      await this.#quiet();
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) setImmediate(next);
      else this.#running--;
    }
  }

  /** Waits until no request is waiting for its answer, but never more than `maxWaitMs`: work must not starve. */
  #quiet(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(wake, this.maxWaitMs);
      function wake() {
        clearTimeout(timer);
        resolve();
      }
      this.#idleWaiters.push(wake);
    });
  }
}
