import type { CoreDeps } from '../consultation/deps.ts';
import { AgoraError } from '../errors.ts';
import type { InboxRecord, InboxRepository } from '../ports/inbox.ts';
import type { Store } from '../ports/store.ts';
import type { Settlement } from './applied-watch.ts';
import { applyBatch, type BatchResults, byOrderingKey } from './apply-batch.ts';
import { type Applied, applyEvent, WaitingForEarlierEvent } from './apply-event.ts';
import type { EffectEmitter } from './effects.ts';
import { eventLogger } from './event-logger.ts';
import { fromInboxEntry } from './inbound-event.ts';
import { isTransientStoreError, retryDelayMs } from './transient.ts';

export interface ApplierTuning {
  /** The most events one pass claims. */
  batch: number;
  /**
   * How long one batch's transaction should hold the store: the batch shrinks or grows toward it, so that a commit
   * to the inbox (an acknowledgement waits on it) never waits long behind one.
   */
  batchMs: number;
  /** The longest the applier gives way to commits before a pass, so that a flood of events still gets applied. */
  giveWayMs: number;
  /** How long a claim holds; a worker that dies gives its events back after this. */
  leaseMs: number;
  /** How often the inbox is looked at when nothing wakes the applier (other replicas' events, retries). */
  pollMs: number;
  /** Failures (other than transient store errors) before an event is parked. */
  maxAttempts: number;
  /** How long an edit or deletion waits for its message before it is reported and set aside. */
  waitForEarlierMs: number;
}

export const DEFAULT_APPLIER_TUNING: ApplierTuning = {
  batch: 200,
  batchMs: 10,
  giveWayMs: 1000,
  leaseMs: 60_000,
  pollMs: 500,
  maxAttempts: 5,
  waitForEarlierMs: 5 * 60_000,
};

export interface ApplierCounters {
  applied: number;
  retried: number;
  parked: number;
  unmatched: number;
}

/** Commits to the inbox, which the applier gives way to. */
interface InboxCommits {
  /** A commit is running or entries wait for one. */
  readonly busy: boolean;
  /** Resolves once every entry added so far is committed. */
  settle(): Promise<void>;
}

/** The events of a batch that were applied (not waiting for their message), each with its outcome. */
function appliedOf(claimed: InboxRecord[], results: BatchResults): { id: number; outcome: string }[] {
  return claimed.flatMap((record) => {
    const result = results.get(record.id);
    return result && !(result instanceof WaitingForEarlierEvent) ? [{ id: record.id, outcome: result.outcome }] : [];
  });
}

/** Lets the event loop take what has arrived (a request on its way to a commit) before going on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 2000) : String(error).slice(0, 2000);

/**
 * Applies what the inbox holds: claims pending events and applies them through their use cases in one store
 * transaction, in commit order per ordering key, then marks them applied and emits their effects. When the batch
 * cannot be applied as one (a poison event, a redelivered reply), its events are applied one by one instead.
 * Transient store failures put the pass's events back with back-off (nothing is dropped); an event that keeps
 * failing is parked with its error, and never blocks the others.
 *
 * Acknowledgements come first: before each pass the applier waits while commits to the inbox are queued or running,
 * and its batches are sized to hold the store only briefly. So under load applying lags and catches up afterwards
 * (the events are durable in the inbox) rather than making acknowledgements wait.
 */
export class InboxApplier {
  readonly counters: ApplierCounters = { applied: 0, retried: 0, parked: 0, unmatched: 0 };
  #timer: ReturnType<typeof setTimeout> | null = null;
  #pass: Promise<number> | null = null;
  #again = false;
  #running = false;
  #failures = 0;
  /** Events the next pass claims: sized so that applying them takes about `batchMs`. */
  #batch: number;
  /** Events this worker still holds because giving them back failed (the store was away): given back first. */
  readonly #unreleased = new Set<number>();

  constructor(
    private readonly inbox: InboxRepository,
    private readonly deps: CoreDeps,
    private readonly effects: EffectEmitter,
    private readonly worker: string,
    private readonly tuning: ApplierTuning = DEFAULT_APPLIER_TUNING,
    /** Told when an event is applied (after its effects were sent) or parked. */
    private readonly onSettled: (key: string, settlement: Settlement) => void = () => {},
    private readonly commits: InboxCommits = { busy: false, settle: async () => {} },
  ) {
    this.#batch = Math.min(tuning.batch, 10);
  }

  /** Applies until nothing is due (at start: what an earlier run left). Returns how many passes applied something. */
  async drain(): Promise<number> {
    let applied = 0;
    for (;;) {
      const done = await this.#onePass();
      if (done === 0) return applied;
      applied += done;
    }
  }

  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  /** New events were committed: look now rather than at the next poll. */
  wake(): void {
    if (!this.#running) return;
    if (this.#pass) this.#again = true;
    else this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#pass?.catch(() => {});
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#loop();
    }, ms);
  }

  async #loop(): Promise<void> {
    let done = 0;
    try {
      done = await this.#onePass();
      this.#failures = 0;
    } catch (error) {
      // The inbox itself cannot be read (the database is away): keep trying, more slowly, and say so.
      this.#failures++;
      this.deps.logger.warn({ err: error, failures: this.#failures }, 'the inbox could not be read; trying again');
    }
    const again = this.#again || done > 0;
    this.#again = false;
    this.#schedule(
      again && this.#failures === 0 ? 0 : this.#failures > 0 ? retryDelayMs(this.#failures) : this.tuning.pollMs,
    );
  }

  #onePass(): Promise<number> {
    this.#pass ??= this.#claimAndApply().finally(() => {
      this.#pass = null;
    });
    return this.#pass;
  }

  async #claimAndApply(): Promise<number> {
    const { clock } = this.deps;
    for (const id of [...this.#unreleased]) {
      await this.inbox.retryLater(id, this.worker, clock.now(), null, false);
      this.#unreleased.delete(id);
    }
    await this.#giveWay();
    const claimed = await this.inbox.claim(this.worker, clock.now(), this.tuning.leaseMs, this.#batch);
    if (claimed.length === 0) return 0;
    const started = performance.now();
    // The store's own inbox is marked in the batch's transaction: one commit, and an event is marked applied exactly
    // when what it did is kept. Another inbox (a test's, in process) is marked once the batch has committed.
    const marksWithin = this.inbox === this.deps.store.inbox;
    const mark = async (store: Store, results: BatchResults) => {
      await store.inbox.markAllApplied(appliedOf(claimed, results), this.worker, this.deps.clock.now());
    };
    const results = await applyBatch(this.deps, claimed, marksWithin ? mark : undefined).catch((error: unknown) => {
      this.deps.logger.info(
        { err: error, events: claimed.length },
        'a batch of inbound events could not be applied in one transaction; applying them one by one',
      );
      return null;
    });
    if (results) this.#resize(claimed.length, performance.now() - started);
    if (results) await this.#settleBatch(claimed, results, marksWithin);
    else await this.#applyOneByOne(claimed);
    return claimed.length;
  }

  /**
   * Waits while commits are queued or running, lets the event loop take what has arrived, and looks again; at most
   * `giveWayMs` in all.
   */
  async #giveWay(): Promise<void> {
    const until = performance.now() + this.tuning.giveWayMs;
    for (;;) {
      const left = until - performance.now();
      if (this.commits.busy && left > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          this.commits.settle(),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, left);
          }),
        ]);
        clearTimeout(timer);
      }
      await nextTurn();
      if (!this.commits.busy || performance.now() >= until) return;
    }
  }

  /**
   * The next batch grows at most twofold at a time; while commits wait behind the store, it is sized from how long
   * this one took. Only a waiting commit is a reason to hold the store for less: otherwise a stall of the process
   * (another one taking the CPU) would shrink every batch to a single event.
   */
  #resize(events: number, ms: number): void {
    const fits = this.commits.busy ? Math.floor((events * this.tuning.batchMs) / Math.max(ms, 0.1)) : Infinity;
    this.#batch = Math.max(1, Math.min(this.tuning.batch, fits, this.#batch * 2));
  }

  /**
   * Puts back what waits for its message, marks a committed batch applied (unless its transaction did), then emits
   * the effects in order.
   */
  async #settleBatch(claimed: InboxRecord[], results: BatchResults, marked: boolean): Promise<void> {
    const applied: { record: InboxRecord; applied: Applied }[] = [];
    try {
      for (const record of claimed) {
        const result = results.get(record.id);
        if (result instanceof WaitingForEarlierEvent) await this.#waitForEarlier(record, result, true);
        else if (result) applied.push({ record, applied: result });
      }
      if (!marked) await this.inbox.markAllApplied(appliedOf(claimed, results), this.worker, this.deps.clock.now());
    } catch (error) {
      // The batch is kept; its bookkeeping is not: every event is given back, to be applied again (as duplicates).
      for (const record of claimed) this.#unreleased.add(record.id);
      throw new AgoraError(
        'STORE_UNAVAILABLE',
        'the store failed while marking a batch of inbound events applied; they were put back',
        {},
        { cause: error },
      );
    }
    this.counters.applied += applied.length;
    for (const { record, applied: done } of applied) await this.#told(record, done);
  }

  async #applyOneByOne(claimed: InboxRecord[]): Promise<void> {
    let storeAway = false;
    for (const records of byOrderingKey(claimed)) {
      const waiting: InboxRecord[] = [];
      for (const record of records) {
        if (storeAway) {
          await this.#putBack(record.id);
          continue;
        }
        // Bookkeeping that fails (marking applied, parking) means the store is away: the rest waits for it, and this
        // one is given back to be applied again (its use case is idempotent) once the store is back.
        const result = await this.#applyOne(record, false).catch(() => {
          this.#unreleased.add(record.id);
          return 'store-away' as const;
        });
        if (result === 'store-away') storeAway = true;
        else if (result === 'waiting') waiting.push(record);
      }
      // An edit that came before its message in the same pass is tried again once the group is applied; if its
      // message is still missing, it is put back to wait.
      for (const record of waiting) {
        if (storeAway) {
          await this.#putBack(record.id);
          continue;
        }
        const again = await this.#applyOne(record, true).catch(() => {
          this.#unreleased.add(record.id);
          return 'store-away' as const;
        });
        if (again === 'store-away') storeAway = true;
      }
    }
    if (storeAway)
      throw new AgoraError('STORE_UNAVAILABLE', 'the store failed while applying inbox events; they were put back');
  }

  /** Gives an event back for a later pass; when even that fails, it is given back at the start of the next one. */
  async #putBack(id: number): Promise<void> {
    await this.inbox.retryLater(id, this.worker, this.deps.clock.now(), null, false).catch(() => {
      this.#unreleased.add(id);
    });
  }

  /**
   * 'store-away' when the store failed transiently: the caller puts the rest of the pass back, in order.
   * 'waiting' when the event waits for its message: with `release`, it is put back to be tried again later;
   * without, it stays leased so the pass can try it again once the rest of its group is applied.
   */
  async #applyOne(record: InboxRecord, release: boolean): Promise<'applied' | 'waiting' | 'failed' | 'store-away'> {
    const { clock } = this.deps;
    const logger = eventLogger(this.deps.logger, record.key);
    let applied: Applied;
    try {
      applied = await applyEvent({ ...this.deps, logger }, fromInboxEntry(record));
    } catch (error) {
      const now = clock.now();
      if (error instanceof WaitingForEarlierEvent) return this.#waitForEarlier(record, error, release);
      if (isTransientStoreError(error)) {
        this.counters.retried++;
        logger.warn({ err: error }, 'the store failed for a moment; the event will be applied again');
        const at = new Date(now.getTime() + retryDelayMs(record.attempts + 1));
        await this.inbox.retryLater(record.id, this.worker, at, describe(error), false).catch(() => {
          this.#unreleased.add(record.id);
        });
        return 'store-away';
      }
      if (record.attempts + 1 >= this.tuning.maxAttempts) {
        this.counters.parked++;
        logger.error({ err: error, kind: record.kind }, 'an inbound event keeps failing; parked');
        await this.inbox.park(record.id, this.worker, describe(error));
        this.onSettled(record.key, { status: 'parked' });
      } else {
        this.counters.retried++;
        logger.warn({ err: error, attempt: record.attempts + 1 }, 'an inbound event failed; retrying');
        const at = new Date(now.getTime() + retryDelayMs(record.attempts + 1));
        await this.inbox.retryLater(record.id, this.worker, at, describe(error), true);
      }
      return 'failed';
    }
    await this.inbox.markApplied(record.id, this.worker, applied.outcome, clock.now());
    this.counters.applied++;
    await this.#told(record, applied, logger);
    return 'applied';
  }

  /**
   * An edit or deletion whose message has not been applied: with `release`, put back to be tried again later (it
   * stays leased otherwise, for the pass to try once the rest of its group is applied); after `waitForEarlierMs`,
   * reported and set aside.
   */
  async #waitForEarlier(
    record: InboxRecord,
    error: WaitingForEarlierEvent,
    release: boolean,
  ): Promise<'waiting' | 'applied'> {
    const now = this.deps.clock.now();
    if (now.getTime() - record.receivedAt.getTime() < this.tuning.waitForEarlierMs) {
      const wait = Math.min(retryDelayMs(record.attempts + 1), 10_000);
      if (release)
        await this.inbox.retryLater(record.id, this.worker, new Date(now.getTime() + wait), error.message, true);
      return 'waiting';
    }
    this.counters.unmatched++;
    this.deps.logger.warn(
      { key: record.key, kind: record.kind, waitingFor: error.waitingFor },
      'an edit or deletion never found its message; set aside',
    );
    await this.inbox.markApplied(record.id, this.worker, 'unknown', now);
    this.onSettled(record.key, { status: 'applied', outcome: 'unknown', told: [] });
    return 'applied';
  }

  /** Emits what follows an applied event, then tells whoever waits on it. */
  async #told(
    record: InboxRecord,
    applied: Applied,
    logger = eventLogger(this.deps.logger, record.key),
  ): Promise<void> {
    logger.debug({ kind: record.kind, outcome: applied.outcome }, 'an inbound event was applied');
    await this.effects.emit(applied.effects, logger);
    const told = applied.effects.flatMap((effect) => (effect.kind === 'notify' ? [effect.text] : []));
    this.onSettled(record.key, { status: 'applied', outcome: applied.outcome, told });
  }
}
