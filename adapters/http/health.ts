import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Store } from '../../src/core/ports/store.ts';
import type { RouteHandler } from './server.ts';

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

/** `/healthz`: 200 when the database answers, 503 otherwise. */
export function healthRoute(store: Store): RouteHandler {
  return async (_req, res) => {
    try {
      await store.ping();
      json(res, 200, { status: 'ok', database: 'ok' });
    } catch (error) {
      json(res, 503, { status: 'unavailable', database: (error as Error).message });
    }
  };
}

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'agora_' });
  return registry;
}

/** `/metrics`: Prometheus text format. */
export function metricsRoute(registry: Registry): RouteHandler {
  return async (_req, res) => {
    res.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
  };
}
