/**
 * Whether a store failure is worth trying again as it is: the database restarting, a connection cut, a lock held
 * too long. Anything else (a bug, data the use case cannot take) is retried a few times and then parked.
 */
const TRANSIENT_CODES = new Set([
  'P1001', // cannot reach the database server
  'P1002', // the server timed out
  'P1008', // operation timed out
  'P1017', // the server closed the connection
  'P2024', // timed out waiting for a pooled connection
  'P2034', // write conflict or deadlock: try the transaction again
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up or shutting down
  '08000',
  '08003',
  '08006',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

const TRANSIENT_WORDS =
  /connection terminated|terminating connection|server closed the connection|database system is (shutting down|starting up)|database is locked|connection refused|ECONNREFUSED|ECONNRESET|timed out|Connection ended|socket hang up|Can't reach database/i;

export function isTransientStoreError(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if (typeof cause !== 'object') return false;
    const { code, message, originalCode, cause: next } = cause as Record<string, unknown>;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (typeof originalCode === 'string' && TRANSIENT_CODES.has(originalCode)) return true;
    if (typeof message === 'string' && TRANSIENT_WORDS.test(message)) return true;
    cause = next;
  }
  return false;
}

/** Back-off between attempts: 200 ms doubling to at most 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 200 * 2 ** Math.max(0, attempt - 1));
}
