import { randomBytes, randomUUID } from 'node:crypto';

let sequence = 0;

/** A Slack-style id: the type letter (C, U, V, F, Ev...) followed by upper-case base-36 digits. */
export function slackId(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence.toString(36).toUpperCase().padStart(8, '0')}`;
}

export function uuid(): string {
  return randomUUID();
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
