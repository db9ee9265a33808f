import type { Attachment, Platform, PlatformIdentity } from '../types.ts';

/** Inbound events, translated by adapters from platform payloads. Each carries an idempotency key. */

export interface ResponsePosted {
  platform: Platform;
  /** The thread (or question message) the reply was written under. */
  containerRef: string;
  messageRef: string;
  author: PlatformIdentity;
  body: string;
  replyToRef: string | null;
  attachments: Attachment[];
  idempotencyKey: string;
  at: Date;
}

export interface ResponseEdited {
  messageRef: string;
  body: string;
  idempotencyKey: string;
  at: Date;
}

export interface ResponseDeleted {
  messageRef: string;
  at: Date;
}

export interface PrivateAnswerSubmitted {
  questionId: string;
  author: PlatformIdentity;
  body: string;
  idempotencyKey: string;
  at: Date;
}

export interface VoteCast {
  questionId: string;
  author: PlatformIdentity;
  /** "" for the whole poll; a Likert item's or a statement's option key. */
  subject: string;
  /** Option keys (ranked: best first); a Likert scale index; agree/disagree/pass. Null retracts. */
  choice: string[] | null;
  idempotencyKey: string;
  at: Date;
}
