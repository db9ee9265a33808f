import { randomBytes } from 'node:crypto';

/** Tells this process's ids from another's made in the same millisecond. */
const fingerprint = randomBytes(5).toString('hex');
let counter = 0;

/**
 * An id for a row whose insert is held back (a transaction's buffered responses), shaped like the cuid the schema
 * would give it and increasing within a process, so rows made in one instant still sort in the order they came.
 */
export function recordId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 5;
  return `c${now.toString(36).padStart(9, '0')}${counter.toString(36).padStart(5, '0')}${fingerprint}`;
}
