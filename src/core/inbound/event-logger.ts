import type { Logger } from '../ports/logger.ts';

/**
 * The log of one inbound event: every line carries its idempotency key and its platform (keys are platform-scoped,
 * `slack:…`, `discord:…`, `web:…`), so one reply or vote can be followed from the inbox to the notice it brought.
 */
export function eventLogger(logger: Logger, key: string): Logger {
  const bindings = { event: key, platform: key.slice(0, key.indexOf(':')) || null };
  return {
    debug: (context, message) => logger.debug({ ...bindings, ...context }, message),
    info: (context, message) => logger.info({ ...bindings, ...context }, message),
    warn: (context, message) => logger.warn({ ...bindings, ...context }, message),
    error: (context, message) => logger.error({ ...bindings, ...context }, message),
  };
}
