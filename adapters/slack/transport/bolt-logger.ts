import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../../src/core/ports/logger.ts';

function split(parts: unknown[]): [Record<string, unknown>, string] {
  const error = parts.find((p) => p instanceof Error);
  const text = parts
    .filter((p) => p !== error)
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return [{ source: 'slack-sdk', ...(error ? { err: error } : {}) }, text || String(error ?? '')];
}

/** Bolt's and the Slack SDKs' logs, into Agora's logger. Their "info" chatter is kept at debug. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: (...parts: unknown[]) => logger.debug(...split(parts)),
    info: (...parts: unknown[]) => logger.debug(...split(parts)),
    warn: (...parts: unknown[]) => logger.warn(...split(parts)),
    error: (...parts: unknown[]) => logger.error(...split(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
