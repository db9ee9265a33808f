import os from 'node:os';
import type { CoreDeps } from '../../core/consultation/deps.ts';
import { InboundPipeline } from '../../core/inbound/pipeline.ts';

/**
 * The one inbound pipeline of this process. Every adapter hands it what people do; its inbox is the store's, and
 * the worker name tells this replica's claims apart from the others' on a shared PostgreSQL.
 */
export function createInboundPipeline(deps: CoreDeps): InboundPipeline {
  return new InboundPipeline({
    inbox: deps.store.inbox,
    deps,
    worker: workerName(process.pid),
    isDeadWorker: (worker) => {
      // Only processes of this machine can be checked; a replica elsewhere keeps its leases until they run out.
      const pid = Number(worker.slice(`${os.hostname()}:`.length));
      if (!worker.startsWith(`${os.hostname()}:`) || !Number.isInteger(pid) || pid === process.pid) return false;
      return !processAlive(pid);
    },
  });
}

const workerName = (pid: number) => `${os.hostname()}:${pid}`;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
