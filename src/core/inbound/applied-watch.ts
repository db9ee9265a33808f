/**
 * What became of an event, as far as the one who sent it needs to know: once applied, its outcome and what the core
 * told the person (a confirmation, a refusal); parked; or still pending.
 */
export type Settlement =
  | { status: 'applied'; outcome: string; told: string[] }
  | { status: 'parked' }
  | { status: 'pending' };

/** How many recently settled events are remembered, for a waiter that asks just after (a double submit). */
const REMEMBER = 5000;

/**
 * Lets an adapter wait, for a bounded time, until an event it submitted has been applied (and its effects sent), so
 * the page or reply that follows shows the person's own action. Only this process's applications are seen: an event
 * another replica applied, or one still retrying, ends the wait as 'pending' when the time is up.
 */
export class AppliedWatch {
  readonly #waiters = new Map<string, Set<(settlement: Settlement) => void>>();
  readonly #recent = new Map<string, Settlement>();

  settled(key: string, settlement: Settlement): void {
    this.#recent.delete(key);
    this.#recent.set(key, settlement);
    if (this.#recent.size > REMEMBER) {
      const oldest = this.#recent.keys().next().value;
      if (oldest !== undefined) this.#recent.delete(oldest);
    }
    const waiters = this.#waiters.get(key);
    if (!waiters) return;
    this.#waiters.delete(key);
    for (const resolve of waiters) resolve(settlement);
  }

  wait(key: string, timeoutMs: number): Promise<Settlement> {
    const known = this.#recent.get(key);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(key) ?? new Set();
      const done = (settlement: Settlement) => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
        resolve(settlement);
      };
      const timer = setTimeout(() => done({ status: 'pending' }), timeoutMs);
      waiters.add(done);
      this.#waiters.set(key, waiters);
    });
  }
}
