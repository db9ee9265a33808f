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
import type { Logger } from '../../src/core/ports/logger.ts';
import type { ChannelAddress } from '../../src/core/types.ts';
import { decidedReviewCard, questionCard, reviewCard } from './cards.ts';
import { teamsText } from './chat-text.ts';
import type { TeamsConnector } from './connector.ts';
import { messageLink, parseTeamsRef, teamsRef } from './refs.ts';

/** Teams as the core sees it: cards posted in channels, replies in their threads, private words in 1:1 chats. */
export class TeamsPlatform implements ChatPlatform {
  readonly platform = 'teams' as const;
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    modals: true,
    ephemeral: false,
    directMessages: true,
    // Bots may send files only in a 1:1 chat, once the person allows it (commands do: see file-consents.ts);
    // a digest posted in a channel carries its summary only.
    fileUpload: false,
  };

  constructor(
    private readonly connector: TeamsConnector,
    private readonly logger: Logger,
  ) {}

  owns(ref: string): boolean {
    return parseTeamsRef(ref) !== undefined;
  }

  async permalink(ref: string, threadRef?: string | null): Promise<string | null> {
    const at = parseTeamsRef(ref);
    if (!at) return null;
    const thread = parseTeamsRef(threadRef);
    return messageLink(at, thread && thread.channelId === at.channelId ? thread.messageId : undefined);
  }

  async postQuestion(channel: ChannelAddress, card: QuestionCard): Promise<PostedMessage> {
    const id = await this.connector.post(channel.workspaceId, channel.channelId, { card: questionCard(card) });
    const ref = teamsRef({ tenantId: channel.workspaceId, channelId: channel.channelId, messageId: id });
    return { messageRef: ref, threadRef: ref };
  }

  async updateQuestion(messageRef: string, card: QuestionCard): Promise<void> {
    const at = parseTeamsRef(messageRef);
    if (!at) return;
    await this.connector.update(at.tenantId, at.channelId, at.messageId, { card: questionCard(card) });
  }

  /** Teams has no message only one person sees in a channel: private words go to the person's 1:1 chat. */
  async sendPrivate(recipient: Recipient, text: string): Promise<PrivateDelivery> {
    try {
      const chat = await this.connector.personalChat(recipient.workspaceId, recipient.platformUserId);
      await this.connector.send(recipient.workspaceId, chat, { text: teamsText(text) });
      return 'direct';
    } catch (error) {
      this.logger.warn(
        { err: error, user: recipient.platformUserId, tenant: recipient.workspaceId },
        'could not write to a person in Teams (is Agora installed for them?)',
      );
      return 'undelivered';
    }
  }

  async postMessage(channel: ChannelAddress, text: string): Promise<PostedMessage> {
    const id = await this.connector.post(channel.workspaceId, channel.channelId, { text: teamsText(text) });
    return {
      messageRef: teamsRef({ tenantId: channel.workspaceId, channelId: channel.channelId, messageId: id }),
      threadRef: null,
    };
  }

  async postStatementForReview(channel: ChannelAddress, review: StatementForReview): Promise<PostedMessage> {
    const id = await this.connector.post(channel.workspaceId, channel.channelId, { card: reviewCard(review) });
    return {
      messageRef: teamsRef({ tenantId: channel.workspaceId, channelId: channel.channelId, messageId: id }),
      threadRef: null,
    };
  }

  async showStatementDecision(messageRef: string, decision: StatementDecision): Promise<void> {
    const at = parseTeamsRef(messageRef);
    if (!at) return;
    await this.connector.update(at.tenantId, at.channelId, at.messageId, { card: decidedReviewCard(decision) });
  }
}
