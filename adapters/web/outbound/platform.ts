import { randomBytes } from 'node:crypto';
import type {
  ChatPlatform,
  OutgoingFile,
  PlatformCapabilities,
  PostedMessage,
  PrivateDelivery,
  QuestionCard,
  Recipient,
  StatementDecision,
  StatementForReview,
} from '../../../src/core/ports/chat-platform.ts';
import type { ChannelAddress } from '../../../src/core/types.ts';
import type { ActivityBus } from '../transport/event-bus.ts';

/** The sandbox as a chat platform: what the core posts is kept here and rendered by the sandbox pages. */

export interface ChannelMessage {
  messageRef: string;
  channel: string;
  text: string;
  at: Date;
  file?: { id: string; name: string; title: string };
  /** A statement awaiting approval, shown with Approve and Reject until an organiser decides. */
  review?: StatementForReview;
}

export interface PrivateNotice {
  id: string;
  text: string;
  at: Date;
  file?: { id: string; name: string; title: string };
}

export interface StoredFile {
  id: string;
  owner: string | null;
  file: OutgoingFile;
}

const LIMITS = { messagesPerChannel: 200, noticesPerPerson: 50, files: 100 };

/** Message ids are chosen like a platform's event ids: short, random, safe in a URL. */
export function newMessageId(): string {
  return randomBytes(9).toString('base64url');
}

export const MESSAGE_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function sandboxRef(channel: string, id: string, workspace = 'sandbox'): string {
  return `web:${workspace}:${channel}:${id}`;
}

/** `web:sandbox:<channel>:<id>` -> its parts; undefined for anything else. */
export function parseSandboxRef(ref: string): { workspace: string; channel: string; id: string } | undefined {
  const match = /^web:([^:]+):([^:]+):([^:]+)$/.exec(ref);
  if (!match) return undefined;
  return { workspace: match[1] as string, channel: match[2] as string, id: match[3] as string };
}

function keepLast<T>(list: T[], max: number): void {
  if (list.length > max) list.splice(0, list.length - max);
}

export class WebSandboxPlatform implements ChatPlatform {
  readonly platform = 'web' as const;
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    modals: true,
    ephemeral: true,
    directMessages: true,
    fileUpload: true,
  };
  readonly #cards = new Map<string, QuestionCard>();
  readonly #messages = new Map<string, ChannelMessage[]>();
  readonly #notices = new Map<string, PrivateNotice[]>();
  readonly #files = new Map<string, StoredFile>();

  /** `publicUrl`: this server's public address (PUBLIC_URL), so links work outside it; links are relative without. */
  constructor(
    private readonly bus: ActivityBus,
    private readonly publicUrl = '',
  ) {}

  owns(ref: string): boolean {
    return parseSandboxRef(ref) !== undefined;
  }

  /** The message's anchor on its channel page: the question's card, a bot message, or a reply in a thread. */
  async permalink(ref: string): Promise<string | null> {
    const at = parseSandboxRef(ref);
    if (!at || !/^[A-Za-z0-9_.-]{1,100}$/.test(at.channel) || !MESSAGE_ID.test(at.id)) return null;
    const card = this.#cards.get(ref);
    const anchor = card ? `q-${card.questionId}` : this.message(at.channel, at.id) ? `m-${at.id}` : `r-${at.id}`;
    return `${this.publicUrl.replace(/\/+$/, '')}/sandbox/channels/${at.channel}#${anchor}`;
  }

  async postQuestion(channel: ChannelAddress, card: QuestionCard): Promise<PostedMessage> {
    const messageRef = sandboxRef(channel.channelId, newMessageId(), channel.workspaceId);
    this.#cards.set(messageRef, card);
    this.bus.publish({ kind: 'question', questionId: card.questionId, channel: channel.channelId });
    return { messageRef, threadRef: messageRef };
  }

  async updateQuestion(messageRef: string, card: QuestionCard): Promise<void> {
    this.#cards.set(messageRef, card);
    this.bus.publish({ kind: 'question', questionId: card.questionId, channel: parseSandboxRef(messageRef)?.channel });
  }

  async sendPrivate(recipient: Recipient, text: string): Promise<PrivateDelivery> {
    this.notify(recipient.platformUserId, text);
    return 'direct';
  }

  async postMessage(channel: ChannelAddress, text: string): Promise<PostedMessage> {
    const messageRef = sandboxRef(channel.channelId, newMessageId(), channel.workspaceId);
    this.#addMessage({ messageRef, channel: channel.channelId, text, at: new Date() });
    return { messageRef, threadRef: null };
  }

  async postFile(channel: ChannelAddress, file: OutgoingFile): Promise<void> {
    const stored = this.#storeFile(null, file);
    this.#addMessage({
      messageRef: sandboxRef(channel.channelId, newMessageId(), channel.workspaceId),
      channel: channel.channelId,
      text: file.comment ?? '',
      at: new Date(),
      file: { id: stored.id, name: file.name, title: file.title },
    });
  }

  async postStatementForReview(channel: ChannelAddress, review: StatementForReview): Promise<PostedMessage> {
    const messageRef = sandboxRef(channel.channelId, newMessageId(), channel.workspaceId);
    this.#addMessage({
      messageRef,
      channel: channel.channelId,
      text: `Statement awaiting approval: "${review.text}"`,
      at: new Date(),
      review,
    });
    return { messageRef, threadRef: null };
  }

  /** The review's page reads the decision from the core; open pages are told to show it. */
  async showStatementDecision(messageRef: string, _decision: StatementDecision): Promise<void> {
    this.bus.publish({ kind: 'message', channel: parseSandboxRef(messageRef)?.channel });
  }

  /** A private notice (the sandbox's ephemeral message), optionally with a file only that person may download. */
  notify(userId: string, text: string, file?: OutgoingFile): void {
    const list = this.#notices.get(userId) ?? [];
    const stored = file ? this.#storeFile(userId, file) : undefined;
    list.push({
      id: newMessageId(),
      text,
      at: new Date(),
      ...(stored && file ? { file: { id: stored.id, name: file.name, title: file.title } } : {}),
    });
    keepLast(list, LIMITS.noticesPerPerson);
    this.#notices.set(userId, list);
    this.bus.publish({ kind: 'notice' });
  }

  card(messageRef: string): QuestionCard | undefined {
    return this.#cards.get(messageRef);
  }

  rememberCard(messageRef: string, card: QuestionCard): void {
    this.#cards.set(messageRef, card);
  }

  messages(channel: string): ChannelMessage[] {
    return [...(this.#messages.get(channel) ?? [])];
  }

  message(channel: string, id: string): ChannelMessage | undefined {
    return this.#messages.get(channel)?.find((m) => parseSandboxRef(m.messageRef)?.id === id);
  }

  notices(userId: string): PrivateNotice[] {
    return [...(this.#notices.get(userId) ?? [])];
  }

  dismissNotices(userId: string): void {
    this.#notices.delete(userId);
  }

  /** A posted file: channel files for anyone in the sandbox, private ones only for their owner. */
  file(id: string, userId: string | null): OutgoingFile | undefined {
    const stored = this.#files.get(id);
    if (!stored || (stored.owner !== null && stored.owner !== userId)) return undefined;
    return stored.file;
  }

  #addMessage(message: ChannelMessage): void {
    const list = this.#messages.get(message.channel) ?? [];
    list.push(message);
    keepLast(list, LIMITS.messagesPerChannel);
    this.#messages.set(message.channel, list);
    this.bus.publish({ kind: 'message', channel: message.channel });
  }

  #storeFile(owner: string | null, file: OutgoingFile): StoredFile {
    const stored = { id: newMessageId(), owner, file };
    this.#files.set(stored.id, stored);
    if (this.#files.size > LIMITS.files) {
      const oldest = this.#files.keys().next().value;
      if (oldest !== undefined) this.#files.delete(oldest);
    }
    return stored;
  }
}
