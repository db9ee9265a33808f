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

/** An in-process ChatPlatform that remembers what the core asked of it. */
export class InProcessPlatform implements ChatPlatform {
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    modals: true,
    ephemeral: true,
    directMessages: true,
    fileUpload: true,
  };
  readonly posted: { channel: ChannelAddress; card: QuestionCard; ref: PostedMessage }[] = [];
  readonly updates: { messageRef: string; card: QuestionCard }[] = [];
  readonly privateMessages: { recipient: Recipient; text: string }[] = [];
  readonly messages: { channel: ChannelAddress; text: string }[] = [];
  readonly files: { channel: ChannelAddress; name: string }[] = [];
  readonly reviews: { channel: ChannelAddress; review: StatementForReview; ref: PostedMessage }[] = [];
  readonly decisions: { messageRef: string; decision: StatementDecision }[] = [];
  failNextPost: Error | null = null;
  dmRefusedBy = new Set<string>();
  #next = 1;

  constructor(readonly platform: Platform = 'slack') {}

  async postQuestion(channel: ChannelAddress, card: QuestionCard): Promise<PostedMessage> {
    if (this.failNextPost) {
      const error = this.failNextPost;
      this.failNextPost = null;
      throw error;
    }
    const id = this.#next++;
    const ref = {
      messageRef: `${this.platform}:${channel.workspaceId}:${channel.channelId}:${id}`,
      threadRef: `${this.platform}:${channel.workspaceId}:${channel.channelId}:${id}`,
    };
    this.posted.push({ channel, card, ref });
    return ref;
  }

  async showStatementDecision(messageRef: string, decision: StatementDecision): Promise<void> {
    this.decisions.push({ messageRef, decision });
  }

  async updateQuestion(messageRef: string, card: QuestionCard): Promise<void> {
    this.updates.push({ messageRef, card });
  }

  async sendPrivate(recipient: Recipient, text: string): Promise<PrivateDelivery> {
    this.privateMessages.push({ recipient, text });
    if (this.dmRefusedBy.has(recipient.platformUserId)) return recipient.channel ? 'ephemeral' : 'undelivered';
    return 'direct';
  }

  async postMessage(channel: ChannelAddress, text: string): Promise<PostedMessage> {
    this.messages.push({ channel, text });
    const id = this.#next++;
    return { messageRef: `${this.platform}:${channel.workspaceId}:${channel.channelId}:${id}`, threadRef: null };
  }

  async postFile(channel: ChannelAddress, file: { name: string }): Promise<void> {
    this.files.push({ channel, name: file.name });
  }

  async postStatementForReview(channel: ChannelAddress, review: StatementForReview): Promise<PostedMessage> {
    const ref = await this.postMessage(channel, `Statement awaiting approval: ${review.text}`);
    this.reviews.push({ channel, review, ref });
    return ref;
  }

  owns(ref: string): boolean {
    return ref.startsWith(`${this.platform}:`);
  }

  /** `https://PLATFORM.example/WORKSPACE/CHANNEL/MESSAGE`, with `?thread=THREAD-MESSAGE` for a reply in a thread. */
  async permalink(ref: string, threadRef: string | null = null): Promise<string | null> {
    if (!this.owns(ref)) return null;
    const [, ...parts] = ref.split(':');
    const thread = threadRef && threadRef !== ref ? threadRef.split(':').at(-1) : undefined;
    return `https://${this.platform}.example/${parts.map(encodeURIComponent).join('/')}${thread ? `?thread=${encodeURIComponent(thread)}` : ''}`;
  }
}
