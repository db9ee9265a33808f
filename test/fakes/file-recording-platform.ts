import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type {
  ChatPlatform,
  PlatformCapabilities,
  PostedMessage,
  PrivateDelivery,
  QuestionCard,
  Recipient,
  StatementDecision,
  StatementForReview,
} from '../../src/core/ports/chat-platform.ts';
import type { ChannelAddress, Platform } from '../../src/core/types.ts';

export interface RecordedCall {
  event: 'post' | 'hang' | 'update' | 'private' | 'message';
  platform: Platform;
  channel?: string;
  questionId?: string;
  messageRef?: string;
  text?: string;
  pid: number;
}

/** Shared by the platforms of one process: counts questions posted, to hang on the chosen one. */
export interface PostCounter {
  posts: number;
  /** The post (1 = the first) that never returns, like a platform call stuck on the network. */
  hangOn?: number;
}

/**
 * A ChatPlatform that appends every call to a file, one JSON line each, so that what two processes "posted" can be
 * compared after one of them was killed.
 */
export class FileRecordingPlatform implements ChatPlatform {
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    modals: false,
    ephemeral: true,
    directMessages: true,
    fileUpload: false,
  };

  constructor(
    readonly platform: Platform,
    private readonly file: string,
    private readonly counter: PostCounter = { posts: 0 },
  ) {}

  #record(call: Omit<RecordedCall, 'platform' | 'pid'>): void {
    appendFileSync(this.file, `${JSON.stringify({ ...call, platform: this.platform, pid: process.pid })}\n`);
  }

  async postQuestion(channel: ChannelAddress, card: QuestionCard): Promise<PostedMessage> {
    const n = ++this.counter.posts;
    const where = `${channel.workspaceId}/${channel.channelId}`;
    if (n === this.counter.hangOn) {
      this.#record({ event: 'hang', channel: where, questionId: card.questionId });
      console.log(`hanging before posting to ${where}`);
      return new Promise<PostedMessage>(() => {});
    }
    const messageRef = `${this.platform}:${channel.workspaceId}:${channel.channelId}:${process.pid}.${n}`;
    this.#record({ event: 'post', channel: where, questionId: card.questionId, messageRef });
    return { messageRef, threadRef: messageRef };
  }

  async updateQuestion(messageRef: string): Promise<void> {
    this.#record({ event: 'update', messageRef });
  }

  async sendPrivate(recipient: Recipient, text: string): Promise<PrivateDelivery> {
    this.#record({ event: 'private', channel: recipient.platformUserId, text });
    return 'direct';
  }

  async postMessage(channel: ChannelAddress, text: string): Promise<PostedMessage> {
    this.#record({ event: 'message', channel: `${channel.workspaceId}/${channel.channelId}`, text });
    return { messageRef: `${this.platform}:${channel.workspaceId}:${channel.channelId}:m`, threadRef: null };
  }

  async postStatementForReview(channel: ChannelAddress, review: StatementForReview): Promise<PostedMessage> {
    return this.postMessage(channel, `Statement awaiting approval: ${review.text}`);
  }

  async showStatementDecision(messageRef: string, decision: StatementDecision): Promise<void> {
    this.#record({ event: 'update', messageRef, text: decision.summary });
  }

  owns(ref: string): boolean {
    return ref.startsWith(`${this.platform}:`);
  }

  async permalink(): Promise<string | null> {
    return null;
  }
}

export function readRecordedCalls(file: string): RecordedCall[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedCall);
}
