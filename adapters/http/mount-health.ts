import type { Store } from '../../src/core/ports/store.ts';
import { createMetricsRegistry, healthRoute, metricsRoute } from './health.ts';
import { type GuardReadings, type PipelineReadings, registerPipelineMetrics } from './pipeline-metrics.ts';
import type { RouteHandler } from './server.ts';

export function createHealthRoutes(
  store: Store,
  readings: { pipeline?: PipelineReadings; guard?: GuardReadings } = {},
): [string, RouteHandler][] {
  const registry = createMetricsRegistry();
  if (readings.pipeline) registerPipelineMetrics(registry, readings.pipeline, readings.guard);
  return [
    ['/healthz', healthRoute(store)],
    ['/metrics', metricsRoute(registry)],
  ];
}
