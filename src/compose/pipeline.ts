import os from 'node:os';
import type { CoreDeps } from '../core/consultation/deps.ts';
import { InboundPipeline } from '../core/inbound/pipeline.ts';

/**
 * The one inbound pipeline of this process. Every adapter hands it what people do; its inbox is the store's, and
 * the worker name tells this replica's claims apart from the others' on a shared PostgreSQL.
 */
export function createInboundPipeline(deps: CoreDeps): InboundPipeline {
  return new InboundPipeline({ inbox: deps.store.inbox, deps, worker: `${os.hostname()}:${process.pid}` });
}
