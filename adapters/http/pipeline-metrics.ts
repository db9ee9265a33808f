import { Gauge, type Registry } from 'prom-client';
import type { PipelineStats } from '../../src/core/inbound/pipeline.ts';
import type { InboxCounts } from '../../src/core/ports/inbox.ts';

/** What /metrics reads of the inbound pipeline: this process's counters, and the inbox's rows by status. */
export interface PipelineReadings {
  stats(): PipelineStats;
  inboxCounts(): Promise<InboxCounts>;
}

/** What /metrics reads of the process guard: errors it caught and logged instead of dying. */
export interface GuardReadings {
  readonly caught: { uncaughtExceptions: number; unhandledRejections: number };
}

const STATS: (keyof PipelineStats)[] = [
  'committed',
  'duplicates',
  'commitFailures',
  'applied',
  'retried',
  'parked',
  'unmatched',
];

/**
 * Registers the pipeline's gauges: `agora_inbox_events{status}` (pending, applied, parked: parked events wait for
 * `agora inbox retry`), `agora_inbound_events{outcome}` since this process started, and events waiting for a commit.
 */
export function registerPipelineMetrics(registry: Registry, pipeline: PipelineReadings, guard?: GuardReadings): void {
  new Gauge({
    name: 'agora_inbox_events',
    help: 'Inbound events in the inbox by status; parked ones failed repeatedly and wait to be retried',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await pipeline.inboxCounts();
      for (const status of ['pending', 'applied', 'parked'] as const) this.set({ status }, counts[status]);
    },
  });
  new Gauge({
    name: 'agora_inbound_events',
    help: 'Inbound events handled by this process since it started, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const stats = pipeline.stats();
      for (const outcome of STATS) this.set({ outcome }, stats[outcome]);
    },
  });
  new Gauge({
    name: 'agora_inbound_waiting_for_commit',
    help: 'Inbound events waiting for the next inbox commit',
    registers: [registry],
    collect() {
      this.set(pipeline.stats().waiting);
    },
  });
  if (guard)
    new Gauge({
      name: 'agora_process_errors_caught',
      help: 'Errors that escaped their code, logged by the process guard instead of ending the process',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.set({ kind: 'uncaught_exception' }, guard.caught.uncaughtExceptions);
        this.set({ kind: 'unhandled_rejection' }, guard.caught.unhandledRejections);
      },
    });
}
