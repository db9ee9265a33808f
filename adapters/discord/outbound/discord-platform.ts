import { type APIChannel, type APIGuildForumChannel, ChannelType, type Client, MessageFlags } from 'discord.js';
import type { ConsultationReads } from '../../../src/core/consultation/consultation.ts';
import { AgoraError } from '../../../src/core/errors.ts';
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
import type { Logger } from '../../../src/core/ports/logger.ts';
import type { ChannelAddress } from '../../../src/core/types.ts';
import type { RecentInteractions } from '../inbound/recent-interactions.ts';
import { decidedMessage, reviewMessage } from '../inbound/statement-review.ts';
import { messageRef, parseMessageRef, parseThreadRef, threadRef } from '../refs.ts';
import { describeChannel, missingPermissions } from '../transport/channel-permissions.ts';
import type { ContentAccess } from '../transport/content-access.ts';
import type { DiscordRest, MessageBody } from '../transport/discord-rest.ts';
import { describeDiscordError, discordErrorCode, platformError } from '../transport/platform-errors.ts';
import { tagsForSection } from './forum-tags.ts';
import { LIMITS } from './layout.ts';
import { questionComponents } from './question-components.ts';
import { questionEmbed } from './question-embed.ts';
import { decodeReplyHandle, type PendingAnswers, type ReplyHandle, TOKEN_LIFETIME_MS } from './reply-handles.ts';
import { safe, splitText, truncateText } from './text.ts';

export interface PlatformContext {
  read: ConsultationReads;
  applicationId: string;
  rest: DiscordRest;
  /** Interactions being acknowledged by this process: a notice for one waits for its deferral. */
  answers: PendingAnswers;
  client: () => Client | undefined;
  content: ContentAccess;
  recent: RecentInteractions;
  logger: Logger;
}

const CANNOT_DM = 50007;
/** Discord does not know an interaction's reply until it is acknowledged (by another process, perhaps). */
const NOT_ANSWERED_YET = new Set([10008, 10015]);
const ACKNOWLEDGING_MS = 5000;

/**
 * The core's requests as Discord REST calls. A question goes into a text channel as an embed with its controls and
 * a public thread named after it, or into a forum as a post tagged with its section. A private message about an
 * interaction (the core's notice, whose recipient carries the interaction's token) fills in or follows up the
 * interaction's private reply while the token is valid (15 minutes); others, and those after, go by DM; a person
 * who refuses DMs from server members is reached with an ephemeral follow-up on their latest interaction, else the
 * message is reported undelivered.
 */
export class DiscordPlatform implements ChatPlatform {
  readonly platform = 'discord' as const;
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    modals: true,
    ephemeral: true,
    directMessages: true,
    fileUpload: true,
  };

  constructor(private readonly context: PlatformContext) {}

  owns(ref: string): boolean {
    return parseMessageRef(ref) !== undefined || parseThreadRef(ref) !== undefined;
  }

  /** Discord's message link, which opens the message in its channel or thread. */
  async permalink(ref: string): Promise<string | null> {
    const at = parseMessageRef(ref);
    if (!at || ![at.guildId, at.channelId, at.messageId].every((id) => /^\d+$/.test(id))) return null;
    return `https://discord.com/channels/${at.guildId}/${at.channelId}/${at.messageId}`;
  }

  /** The message body of a question: its embed and controls. */
  async render(card: QuestionCard): Promise<MessageBody> {
    const question = await this.context.read.question(card.questionId);
    const limits = { minChoices: question?.minChoices ?? 1, maxChoices: question?.maxChoices ?? card.options.length };
    return {
      embeds: [questionEmbed(card)],
      components: questionComponents(card, limits, { respondButton: !this.context.content.readable }),
    };
  }

  async postQuestion(channel: ChannelAddress, card: QuestionCard): Promise<PostedMessage> {
    const body = await this.render(card);
    let target: APIChannel;
    try {
      target = await this.context.rest.channel(channel.channelId);
    } catch (error) {
      throw this.#refused(error, 'post a question', channel);
    }
    if (target.type === ChannelType.GuildForum) return this.#postInForum(channel, target, card, body);
    return this.#postInChannel(channel, card, body);
  }

  async #postInChannel(channel: ChannelAddress, card: QuestionCard, body: MessageBody): Promise<PostedMessage> {
    const { rest } = this.context;
    let messageId: string;
    try {
      messageId = (await rest.send(channel.channelId, body)).id;
    } catch (error) {
      throw this.#refused(error, 'post a question', channel);
    }
    try {
      const thread = await rest.threadFromMessage(channel.channelId, messageId, threadName(card.prompt));
      return {
        messageRef: messageRef(channel.workspaceId, channel.channelId, messageId),
        threadRef: threadRef(channel.workspaceId, thread.id),
      };
    } catch (error) {
      // Without its thread the question could not gather replies: take it down so that a retry posts it whole.
      await rest.delete(channel.channelId, messageId).catch(() => {});
      throw this.#refused(error, "open a question's thread", channel);
    }
  }

  async #postInForum(
    channel: ChannelAddress,
    forum: APIGuildForumChannel,
    card: QuestionCard,
    body: MessageBody,
  ): Promise<PostedMessage> {
    const appliedTags = tagsForSection(forum.available_tags, card.sectionTitle);
    try {
      const post = await this.context.rest.forumPost(channel.channelId, {
        name: threadName(card.prompt),
        message: body,
        appliedTags,
      });
      return {
        messageRef: messageRef(channel.workspaceId, post.id, post.message?.id ?? post.id),
        threadRef: threadRef(channel.workspaceId, post.id),
      };
    } catch (error) {
      throw this.#refused(error, 'post a question in the forum', channel);
    }
  }

  async updateQuestion(ref: string, card: QuestionCard): Promise<void> {
    const at = parseMessageRef(ref);
    if (!at) throw new AgoraError('PLATFORM_ERROR', `"${ref}" is not a Discord message reference.`, {});
    const body = await this.render(card);
    try {
      await this.context.rest.edit(at.channelId, at.messageId, body);
    } catch (error) {
      const channel = { platform: 'discord' as const, workspaceId: at.guildId, channelId: at.channelId };
      throw this.#refused(error, 'update a question', channel);
    }
  }

  async sendPrivate(recipient: Recipient, text: string): Promise<PrivateDelivery> {
    const pieces = splitText(safe(text), LIMITS.content);
    const { rest, recent, logger } = this.context;
    const handle = decodeReplyHandle(recipient.replyHandle);
    if (handle && (await this.#inInteraction(handle, pieces, recipient.platformUserId))) return 'ephemeral';
    try {
      const dm = await rest.directMessageChannel(recipient.platformUserId);
      for (const content of pieces) await rest.send(dm, { content });
      return 'direct';
    } catch (error) {
      if (discordErrorCode(error) !== CANNOT_DM) {
        logger.warn({ err: error, user: recipient.platformUserId }, 'could not send a direct message on Discord');
        return 'undelivered';
      }
    }
    try {
      let shown = false;
      for (const content of pieces) shown = (await recent.followUp(recipient.platformUserId, content)) || shown;
      if (shown) return 'ephemeral';
    } catch (error) {
      logger.warn({ err: error, user: recipient.platformUserId }, 'could not follow up privately on Discord');
    }
    logger.info(
      { user: recipient.platformUserId, discordCode: CANNOT_DM },
      'a person does not accept direct messages and has no recent interaction to reply to; the message was not delivered',
    );
    return 'undelivered';
  }

  /** The notice in the interaction's own reply; false when the token has expired or Discord refuses it. */
  async #inInteraction(handle: ReplyHandle, pieces: string[], userId: string): Promise<boolean> {
    if (Date.now() - handle.issuedAt > TOKEN_LIFETIME_MS) return false;
    const { rest, applicationId, answers, logger } = this.context;
    await answers.settled(handle.token, 3500);
    const [first = '', ...more] = pieces;
    for (let attempt = 1; ; attempt++) {
      try {
        if (handle.mode === 'edit')
          await rest.editInteractionReply(applicationId, handle.token, { content: first, components: [] });
        else
          await rest.followUpInteraction(applicationId, handle.token, {
            content: first,
            flags: MessageFlags.Ephemeral,
          });
        for (const content of more)
          await rest.followUpInteraction(applicationId, handle.token, { content, flags: MessageFlags.Ephemeral });
        return true;
      } catch (error) {
        const code = discordErrorCode(error);
        if (
          code !== undefined &&
          NOT_ANSWERED_YET.has(code) &&
          Date.now() - handle.issuedAt < ACKNOWLEDGING_MS &&
          attempt < 10
        ) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          continue;
        }
        logger.warn(
          { err: error, user: userId, discordCode: code },
          'could not answer in the interaction on Discord; sending a DM',
        );
        return false;
      }
    }
  }

  async postMessage(channel: ChannelAddress, text: string): Promise<PostedMessage> {
    const pieces = splitText(safe(text), LIMITS.content);
    let first: string | undefined;
    try {
      for (const content of pieces) {
        const sent = await this.context.rest.send(channel.channelId, { content });
        first ??= sent.id;
      }
    } catch (error) {
      throw this.#refused(error, 'post a message', channel);
    }
    return { messageRef: messageRef(channel.workspaceId, channel.channelId, first ?? ''), threadRef: null };
  }

  async postFile(channel: ChannelAddress, file: OutgoingFile): Promise<void> {
    const data = typeof file.content === 'string' ? Buffer.from(file.content) : Buffer.from(file.content);
    const content = truncateText(safe(file.comment ?? file.title), LIMITS.content);
    try {
      await this.context.rest.send(channel.channelId, { content }, [{ name: file.name, data }]);
    } catch (error) {
      throw this.#refused(error, 'upload a file', channel);
    }
  }

  async postStatementForReview(channel: ChannelAddress, review: StatementForReview): Promise<PostedMessage> {
    try {
      const sent = await this.context.rest.send(channel.channelId, reviewMessage(review));
      return { messageRef: messageRef(channel.workspaceId, channel.channelId, sent.id), threadRef: null };
    } catch (error) {
      throw this.#refused(error, 'post a statement for review', channel);
    }
  }

  async showStatementDecision(ref: string, decision: StatementDecision): Promise<void> {
    const at = parseMessageRef(ref);
    if (!at) throw new AgoraError('PLATFORM_ERROR', `"${ref}" is not a Discord message reference.`);
    try {
      await this.context.rest.edit(at.channelId, at.messageId, decidedMessage(decision));
    } catch (error) {
      const channel = { platform: 'discord' as const, workspaceId: at.guildId, channelId: at.channelId };
      throw this.#refused(error, 'show a decision on a statement', channel);
    }
  }

  /**
   * One log line naming the channel and the missing permission, and a PLATFORM_ERROR whose `retryable` tells a
   * scheduled job whether to try again (and whose `access` has the core tell the organisers of a permission problem).
   */
  #refused(error: unknown, action: string, channel: ChannelAddress): AgoraError {
    const client = this.context.client();
    const missing = missingPermissions(client, channel.channelId);
    const where = describeChannel(client, channel.channelId);
    const failure = describeDiscordError(error, where, missing);
    const permission = failure.permission
      ? missing.join(', ') || (failure.code === 50001 ? 'View Channel' : 'unknown')
      : undefined;
    this.context.logger.error(
      {
        guild: channel.workspaceId,
        channel: channel.channelId,
        ...(permission && { permission }),
        discordCode: failure.code,
        retryable: failure.retryable,
      },
      `Could not ${action}: ${failure.advice}`,
    );
    return platformError(
      failure,
      action,
      { guild: channel.workspaceId, channel: channel.channelId, permission },
      `<#${channel.channelId}>`,
    );
  }
}

/** A thread or forum post named after its question, within Discord's 100 characters. */
export function threadName(prompt: string): string {
  return truncateText(safe(prompt).replace(/\s+/g, ' ').trim(), LIMITS.threadName) || 'Question';
}
