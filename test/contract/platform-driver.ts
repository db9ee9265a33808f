import type { PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';

/**
 * What an adapter's test harness offers the platform contract suite. Each adapter implements it with its real
 * client (Bolt, discord.js, the web sandbox) against its local fake platform, wired to the real core and a real
 * SQLite store, with the fixture programme (test/support/programme-fixture.ts) loaded and its `staffroom`
 * placeholder mapped to one channel of that platform.
 */
export interface PlatformDriver {
  readonly deps: CoreDeps & { store: PrismaStore };
  /** Message and thread refs of the question as it was posted on the platform (after the core opened it). */
  postedQuestion(questionKey: string): Promise<{ messageRef: string; threadRef: string | null; text: string }>;
  /** A person writes in the question's thread (or replies to a response when `replyTo` is a response's messageRef). */
  userReplies(input: {
    questionKey: string;
    user: string;
    text: string;
    replyTo?: string;
  }): Promise<{ messageRef: string }>;
  userEdits(input: { messageRef: string; user: string; text: string }): Promise<void>;
  userDeletes(input: { messageRef: string; user: string }): Promise<void>;
  /**
   * The same platform event (the last reply) delivered again, as platforms do on retries and resumes; resolves once
   * the adapter has handled that delivery (a condition the driver waits on, never a fixed pause).
   */
  redeliverLastReply(): Promise<void>;
  /** A person chooses in a poll through the platform's own controls; `choice` holds option keys. */
  userVotes(input: { questionKey: string; user: string; choice: string[] }): Promise<void>;
  /** A person answers through the private form ("Answer privately"). */
  userAnswersPrivately(input: { questionKey: string; user: string; text: string }): Promise<void>;
  /** A person runs `/agora <text>`; resolves with what that person was shown in reply. */
  userRunsCommand(input: { user: string; text: string; organiser?: boolean }): Promise<string>;
  /** The private notices a person has been shown (ephemeral messages, DMs, modal errors), newest last. */
  privateNoticesTo(user: string): Promise<string[]>;
  /** A person adds a statement through the question's "Add a statement" control and the form it opens. */
  userAddsStatement(input: { questionKey: string; user: string; text: string }): Promise<void>;
  /** A person presses "Vote on statements": resolves with what they are dealt (a card, or a notice that none is left). */
  userAsksForStatement(input: { questionKey: string; user: string }): Promise<DealtStatementView>;
  /** A person presses Agree, Disagree or Pass on the card they were dealt last; resolves with what is dealt next. */
  userAnswersStatement(input: {
    questionKey: string;
    user: string;
    vote: 'agree' | 'disagree' | 'pass';
  }): Promise<DealtStatementView>;
  /**
   * A person presses "Where do I stand" (by that label) on the statement card they were dealt last; resolves with the
   * private answer they are shown.
   */
  userAsksWhereTheyStand(input: { questionKey: string; user: string }): Promise<string>;
  /** An organiser presses Approve or Reject on the statement (by its text) posted for review in the organisers' channel. */
  organiserReviewsStatement(input: { user: string; text: string; decision: 'approve' | 'reject' }): Promise<void>;
  /**
   * A person uses "Propose as a statement" on a reply (by its messageRef), by the name the platform lists it
   * under: the form it opens starts with the reply's words, which `text` replaces when given, and is sent. Resolves
   * with what the form started with, or null when no form opened (the person is told why instead).
   */
  userProposesStatement(input: {
    messageRef: string;
    user: string;
    text?: string;
    organiser?: boolean;
  }): Promise<{ prefilled: string | null }>;
  /** What the organisers' channel shows of a statement (by its text) posted there for approval, links included. */
  reviewRequestText(text: string): Promise<string>;
  /** The review card of the statement (by its text) in the organisers' channel as people there now see it. */
  reviewCard(text: string): Promise<{ shown: string; buttons: string[] }>;
  /** Loads the fixture programme again with these top-level overrides (e.g. `statement_approval: true`). */
  reloadProgramme(overrides: Record<string, unknown>): Promise<void>;
  /**
   * What a link opens, as the platform would show it: the text of the message it names, or null when it names
   * none, or names a reply without opening it inside its thread.
   */
  linkedMessage(link: string): Promise<string | null>;
  /**
   * From now on the platform refuses Agora the `staffroom` channel (removed from it, or its posting permission
   * taken away); absent where Agora cannot be kept out of a channel (the web sandbox).
   */
  refuseStaffroom?(): Promise<void>;
  /** The messages of the organisers' channel, as people there read them, oldest first. */
  organiserChannelMessages(): Promise<string[]>;
  /** The question's message as the platform now shows it (after updates such as closing). */
  currentQuestionText(questionKey: string): Promise<string>;
  stop(): Promise<void>;
}

/** A dealt card as the person sees it: the statement, or null with the notice shown instead (all voted, closed). */
export interface DealtStatementView {
  statement: string | null;
  /** Every word shown to the person with it (the card or the notice). */
  shown: string;
}
