import type { Logger } from '../../core/ports/logger.ts';

/** One part to stop, by name: stopped in the order given, each whether or not the one before it stopped cleanly. */
export interface ShutdownStep {
  name: string;
  run(): Promise<unknown> | unknown;
}

/**
 * Stops the parts in order and resolves with the exit code: 0 when every part stopped, 1 when one failed or the
 * whole took longer than `timeoutMs` (a part that hangs must not keep a replaced process alive for ever).
 */
export async function shutDown(logger: Logger, steps: ShutdownStep[], timeoutMs = 25_000): Promise<number> {
  let failed = false;
  const run = async () => {
    for (const step of steps) {
      try {
        await step.run();
      } catch (error) {
        failed = true;
        logger.error({ err: error, step: step.name }, 'a part did not stop cleanly; stopping the rest');
      }
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
  });
  const result = await Promise.race([run(), timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    logger.error({ timeoutMs }, 'stopping took too long; exiting anyway');
    return 1;
  }
  return failed ? 1 : 0;
}

/** Runs `stop` once on the first SIGTERM or SIGINT and exits with its code. */
export function exitOnSignals(logger: Logger, stop: (signal: string) => Promise<number>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void stop(signal).then(
      (code) => process.exit(code),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

type Part = { stop(): Promise<unknown> | unknown } | null | undefined;

/**
 * The order a running Agora stops in. Nothing new comes in first (scheduler, HTTP); then the inbox's commit in
 * flight finishes, so every event handed to the pipeline is stored, and its applier finishes its pass; pending card
 * refreshes and notices go out while the platforms are still connected; then the platforms, then the store.
 */
export function agoraShutdownSteps(parts: {
  scheduler: Part;
  email: { close(): void };
  http: Part;
  pipeline: Part;
  slack: Part;
  discord: Part;
  store: { close(): Promise<void> };
}): ShutdownStep[] {
  return [
    { name: 'scheduler', run: () => parts.scheduler?.stop() },
    { name: 'email', run: () => parts.email.close() },
    { name: 'http', run: () => parts.http?.stop() },
    { name: 'pipeline', run: () => parts.pipeline?.stop() },
    { name: 'slack', run: () => parts.slack?.stop() },
    { name: 'discord', run: () => parts.discord?.stop() },
    { name: 'store', run: () => parts.store.close() },
  ];
}
