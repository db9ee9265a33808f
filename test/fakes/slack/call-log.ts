export interface RecordedCall {
  /** A Web API method, or `response_url` / `file_upload` for posts to the URLs the fake hands out. */
  method: string;
  args: Record<string, unknown>;
  /** Milliseconds since the epoch. */
  at: number;
  status: number;
  response: unknown;
  url?: string;
}

type Predicate = (call: RecordedCall) => boolean;

interface Waiter {
  method: string;
  predicate: Predicate;
  resolve: (call: RecordedCall) => void;
}

/** Every request the fake answered, in order, for tests to assert on. */
export class CallLog {
  private readonly recorded: RecordedCall[] = [];
  private waiters: Waiter[] = [];

  record(call: RecordedCall): void {
    this.recorded.push(call);
    const matched = this.waiters.filter((waiter) => waiter.method === call.method && waiter.predicate(call));
    this.waiters = this.waiters.filter((waiter) => !matched.includes(waiter));
    for (const waiter of matched) waiter.resolve(call);
  }

  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((call) => method === undefined || call.method === method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.calls(method).at(-1);
  }

  /** Resolves with the first call (already made or still to come) that matches; rejects after `timeoutMs`. */
  waitForCall(method: string, predicate: Predicate = () => true, timeoutMs = 2000): Promise<RecordedCall> {
    const made = this.calls(method).find(predicate);
    if (made) return Promise.resolve(made);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        const seen = this.calls(method).length;
        reject(new Error(`no matching ${method} call within ${timeoutMs} ms (${seen} ${method} calls seen)`));
      }, timeoutMs);
      const entry: Waiter = {
        method,
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      this.waiters.push(entry);
    });
  }
}
