import type { CoreDeps } from '../consultation/deps.ts';
import { QuestionRefresher } from '../consultation/question-refresher.ts';
import { AgoraError } from '../errors.ts';
import type { InboxCounts, InboxRepository } from '../ports/inbox.ts';
import { AppliedWatch, type Settlement } from './applied-watch.ts';
import { type ApplierCounters, type ApplierTuning, DEFAULT_APPLIER_TUNING, InboxApplier } from './applier.ts';
import { EffectEmitter } from './effects.ts';
import { eventLogger } from './event-logger.ts';
import { type CommitResult, GroupCommit } from './group-commit.ts';
import { type InboundEvent, toInboxEntry } from './inbound-event.ts';

export interface PipelineOptions {
  inbox: InboxRepository;
  deps: CoreDeps;
  /** Names this process among replicas (claims are leased to it). */
  worker: string;
  /**
   * Whether the worker of this name is known to be dead (a process of this machine that is gone): its leases are
   * given back at start, so what it was applying when it was killed is applied now, not once its leases run out.
   */
  isDeadWorker?: (worker: string) => boolean;
  tuning?: Partial<ApplierTuning> & { refreshDelayMs?: number; maxBatch?: number };
}

export interface PipelineStats extends ApplierCounters {
  committed: number;
  duplicates: number;
  commitFailures: number;
  /** Events waiting for the next commit. */
  waiting: number;
}

/**
 * The one way in for everything people do on any platform.
 *
 * `submit(event)` resolves once the event is durably in the inbox ('stored', or 'duplicate' when the same key is
 * there already) and rejects when it could not be written; the adapter answers the platform only after it resolves.
 * Concurrent submissions share one commit. The applier then applies the event through its use case and the core
 * emits what follows (the person's confirmation, every card of the question refreshed) on every platform.
 */
export class InboundPipeline {
  readonly #commits: GroupCommit;
  readonly #applier: InboxApplier;
  readonly #effects: EffectEmitter;
  readonly #settled = new AppliedWatch();
  readonly #work = new Set<Promise<void>>();
  readonly #counts = { committed: 0, duplicates: 0, commitFailures: 0 };
  #stopping = false;

  constructor(private readonly options: PipelineOptions) {
    const { inbox, deps, worker } = options;
    const tuning = { ...DEFAULT_APPLIER_TUNING, ...options.tuning };
    this.#commits = new GroupCommit((entries) => inbox.append(entries), options.tuning?.maxBatch);
    const refresher = new QuestionRefresher(deps, {
      run: (_key, refresh) => this.#track(refresh()),
      // Each posting's card is updated by the platform that owns its message.
      platformOf: (posting) => deps.platforms.owning(posting.messageRef),
      delayMs: options.tuning?.refreshDelayMs ?? 1500,
    });
    this.#effects = new EffectEmitter(deps, refresher);
    this.#applier = new InboxApplier(
      inbox,
      deps,
      this.#effects,
      worker,
      tuning,
      (key, settlement) => this.#settled.settled(key, settlement),
      this.#commits,
    );
  }

  async submit(event: InboundEvent): Promise<CommitResult> {
    if (this.#stopping) throw new AgoraError('STOPPING', 'Agora is stopping; the event was not taken');
    try {
      const result = await this.#commits.add(toInboxEntry(event, this.options.deps.clock.now()));
      this.#counts[result === 'stored' ? 'committed' : 'duplicates']++;
      if (result === 'stored') this.#applier.wake();
      return result;
    } catch (error) {
      this.#counts.commitFailures++;
      eventLogger(this.options.deps.logger, event.key).warn(
        { err: error },
        'an inbound event could not be written to the inbox',
      );
      throw error;
    }
  }

  /**
   * Resolves once the event with this key has been applied here and its effects sent (its outcome: recorded,
   * closed, refused:CODE...), or parked; 'pending' when that has not happened within `timeoutMs`. For adapters whose
   * answer should show the person's own action (a web page after a form post).
   */
  whenApplied(key: string, timeoutMs: number): Promise<Settlement> {
    return this.#settled.wait(key, timeoutMs);
  }

  /** Applies what an earlier run left in the inbox, then keeps applying as events arrive. */
  async start(): Promise<void> {
    try {
      await this.#releaseDeadWorkers();
      await this.#applier.drain();
    } catch (error) {
      // The store is away at start: the applier's loop keeps trying, with back-off, from here.
      this.options.deps.logger.warn({ err: error }, 'the inbox could not be drained at start; trying again');
    }
    this.#applier.start();
  }

  async #releaseDeadWorkers(): Promise<void> {
    const { inbox, isDeadWorker, worker, deps } = this.options;
    if (!isDeadWorker) return;
    for (const holder of await inbox.leaseHolders(deps.clock.now())) {
      if (holder === worker || !isDeadWorker(holder)) continue;
      const released = await inbox.releaseLeases(holder);
      deps.logger.info({ worker: holder, released }, 'gave back the inbox events a dead process had claimed');
    }
  }

  /** Applies everything due now, without waiting for the next poll (tests, the CLI, a drain before exit). */
  drain(): Promise<number> {
    return this.#applier.drain();
  }

  /** Stops taking events, finishes the commit in flight, stops applying, and sends pending card refreshes. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#commits.settle();
    await this.#applier.stop();
    await this.#effects.flush().catch(() => {});
    await Promise.allSettled([...this.#work]);
  }

  stats(): PipelineStats {
    return { ...this.#counts, ...this.#applier.counters, waiting: this.#commits.backlog };
  }

  inboxCounts(): Promise<InboxCounts> {
    return this.options.inbox.counts();
  }

  #track(work: Promise<void>): void {
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work));
  }
}
