import { isTransientStoreError, retryDelayMs } from '../../core/inbound/transient.ts';
import type { Logger } from '../../core/ports/logger.ts';

/**
 * Runs a start-up step that comes after requests are already served (planning jobs, the summary sweep): a database
 * that is away for a moment (restarting, its connections cut) delays the step instead of ending the process.
 * Anything else, or a database still away after `attempts` tries, is thrown as before.
 */
export async function whileStoreAway<T>(
  logger: Logger,
  step: string,
  work: () => Promise<T>,
  attempts = 10,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientStoreError(error)) throw error;
      logger.warn({ err: error, step, attempt }, 'the database is away during start-up; trying that step again');
      await pause(retryDelayMs(attempt));
    }
  }
}
