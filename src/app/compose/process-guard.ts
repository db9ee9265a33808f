import type { Logger } from '../../core/ports/logger.ts';

export interface ProcessGuard {
  /** Errors caught so far (for /metrics). */
  readonly caught: { uncaughtExceptions: number; unhandledRejections: number };
  detach(): void;
}

/**
 * Keeps one bad callback from ending the process: a packet an SDK cannot parse, an error thrown in a timer, a
 * promise nobody awaited. Each is logged with its stack and where it came from, and Agora keeps serving: what is
 * acknowledged is already in the inbox, and every part keeps its own state, so nothing shared is left half-done.
 */
export function guardProcess(logger: Logger, target: NodeJS.Process = process): ProcessGuard {
  const caught = { uncaughtExceptions: 0, unhandledRejections: 0 };
  const onException = (error: Error, origin: string) => {
    caught.uncaughtExceptions++;
    logger.error(
      { err: error, origin, count: caught.uncaughtExceptions },
      'an error escaped the code that raised it; logged, and Agora keeps serving',
    );
  };
  const onRejection = (reason: unknown) => {
    caught.unhandledRejections++;
    logger.error(
      { err: reason instanceof Error ? reason : new Error(String(reason)), count: caught.unhandledRejections },
      'a failed promise was never handled; logged, and Agora keeps serving',
    );
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return {
    caught,
    detach() {
      target.off('uncaughtException', onException);
      target.off('unhandledRejection', onRejection);
    },
  };
}
