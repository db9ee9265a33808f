import type { Store } from '../core/ports/store.ts';
import { createMetricsRegistry, healthRoute, metricsRoute } from './health.ts';
import type { RouteHandler } from './server.ts';

export function createHealthRoutes(store: Store): [string, RouteHandler][] {
  return [
    ['/healthz', healthRoute(store)],
    ['/metrics', metricsRoute(createMetricsRegistry())],
  ];
}
