import type { Logger } from '../core/ports/logger.ts';

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
