import type { Anonymity, ChannelAddress, Platform, QuestionKind, QuestionStatus } from '../types.ts';

/** What the core asks of a chat platform. Adapters implement it; optional capabilities are declared, not assumed. */

export interface PlatformCapabilities {
  threads: boolean;
  modals: boolean;
  ephemeral: boolean;
  directMessages: boolean;
  fileUpload: boolean;
}

export interface TallyLine {
  key: string;
  label: string;
  count: number;
}

/** A platform-neutral view of a question as posted: adapters render it as Block Kit, an embed, or HTML. */
export interface QuestionCard {
  questionId: string;
  programmeTitle: string;
  sectionTitle: string;
  prompt: string;
  intro: string;
  kind: QuestionKind;
  status: QuestionStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  /** When the question actually closed (early, on time or late); null while it is open. */
  closedAt: Date | null;
  anonymity: Anonymity;
  options: { key: string; label: string }[];
  scale: string[];
  /** Present when results may be shown now (live polls, or any poll once closed). */
  tally: TallyLine[] | null;
  voters: number;
  responses: number;
  showWhereWeStand: boolean;
  allowStatements: boolean;
}

export interface PostedMessage {
  /** Opaque to the core, e.g. `slack:T1:C1:1700000000.000100` or `discord:G1:C1:M1`. */
  messageRef: string;
  /** Where replies to the question are gathered (a thread), when the platform has one. */
  threadRef: string | null;
}

export interface Recipient {
  platformUserId: string;
  workspaceId: string;
  /** Where an ephemeral fallback may be shown when direct messages are refused. */
  channel?: ChannelAddress;
  /**
   * Opaque to the core: where the platform can answer this person's action in place while it is still valid (a
   * Discord interaction token, a Slack `response_url`). The platform falls back to a DM or ephemeral when it is not.
   */
  replyHandle?: string;
}

export type PrivateDelivery = 'direct' | 'ephemeral' | 'undelivered';

export interface OutgoingFile {
  name: string;
  title: string;
  content: string | Uint8Array;
  comment?: string;
}

/** One agree/disagree statement dealt to one person, with where they are in the question. */
export interface StatementCard {
  questionId: string;
  prompt: string;
  statementKey: string;
  text: string;
  /** Statements this person has voted on so far, and how many are approved. */
  voted: number;
  total: number;
  /** Whether participants may add statements of their own. */
  allowStatements: boolean;
  /** A link to the reply the statement was proposed from, made by that reply's platform; null when none. */
  source: string | null;
}

/** A participant's statement that waits for an organiser's approval. */
export interface StatementForReview {
  questionId: string;
  statementId: string;
  prompt: string;
  text: string;
  /** Display name; the pseudonym on pseudonymous questions; on anonymous ones, no name or pseudonym at all. */
  author: string;
  /** A link to the reply it was proposed from ("Propose as a statement"), when there is one. */
  source?: string | null;
}

/** A reviewed statement, as its review card shows it once decided: the decision in place of Approve and Reject. */
export interface StatementDecision {
  questionId: string;
  statementId: string;
  prompt: string;
  text: string;
  decision: 'approved' | 'rejected';
  /** The decision in words, the same on every platform ("Approved by Olive: …"). */
  summary: string;
}

export interface ChatPlatform {
  readonly platform: Platform;
  readonly capabilities: PlatformCapabilities;
  postQuestion(channel: ChannelAddress, card: QuestionCard): Promise<PostedMessage>;
  updateQuestion(messageRef: string, card: QuestionCard): Promise<void>;
  /** A message only this person sees: a DM where allowed, else an ephemeral message in `recipient.channel`. */
  sendPrivate(recipient: Recipient, text: string): Promise<PrivateDelivery>;
  /** A plain message to a channel (organisers' notices, results, digests); text is already made safe. */
  postMessage(channel: ChannelAddress, text: string): Promise<PostedMessage>;
  postFile?(channel: ChannelAddress, file: OutgoingFile): Promise<void>;
  /** Posts a statement awaiting approval with Approve and Reject controls (the organisers' channel). */
  postStatementForReview(channel: ChannelAddress, review: StatementForReview): Promise<PostedMessage>;
  /** Shows the decision on a statement's review card (a ref `postStatementForReview` returned), its controls gone. */
  showStatementDecision(messageRef: string, decision: StatementDecision): Promise<void>;
  /**
   * A person's display name, for platforms whose events are kept before the name is known; null when the platform
   * cannot say in good time.
   */
  nameOf?(person: { workspaceId: string; platformUserId: string }): Promise<string | null>;
  /** Whether a message or thread reference is one this platform made (the core never reads a reference itself). */
  owns(ref: string): boolean;
  /**
   * A link that opens the message a reference names, inside its thread when `threadRef` (the thread the message
   * was written in) names one; null when the platform has no link for it.
   */
  permalink(ref: string, threadRef?: string | null): Promise<string | null>;
}
