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
import { stripPings } from '../../../src/core/safe-text.ts';
import type { ChannelAddress } from '../../../src/core/types.ts';
import type { UserDirectory } from '../inbound/user-directory.ts';
import { messageRef, parseMessageRef, parseThreadReplyHandle } from '../refs.ts';
import { describeSlackError, platformError } from '../transport/platform-errors.ts';
import type { SlackApi } from '../transport/slack-api.ts';
import { fitEscaped, splitMrkdwn } from './mrkdwn.ts';
import { renderQuestion } from './question-blocks.ts';
import { reviewDecided, reviewRequest } from './statement-blocks.ts';

const TEXT_MAX = 39_000;
const NAME_BUDGET_MS = 5000;

/** The core's requests, as Slack Web API calls. */
export class SlackPlatform implements ChatPlatform {
  readonly platform = 'slack' as const;
  readonly capabilities: PlatformCapabilities = {
    threads: true,
    modals: true,
    ephemeral: true,
    directMessages: true,
    fileUpload: true,
  };

  /** Each installation's workspace address (from auth.test), asked once. */
  readonly #workspaceUrls = new Map<string, Promise<string | null>>();

  constructor(
    private readonly api: SlackApi,
    private readonly logger: Logger,
    private readonly people: UserDirectory,
  ) {}

  /** Asked when an event kept without its author's name is applied; a slow `users.info` holds it back 5 s at most. */
  nameOf(person: { workspaceId: string; platformUserId: string }): Promise<string | null> {
    return this.people.nameWithin(person.workspaceId, person.platformUserId, NAME_BUDGET_MS);
  }

  owns(ref: string): boolean {
    return parseMessageRef(ref) !== undefined;
  }

  /** `https://WORKSPACE.slack.com/archives/C/pTS`, with `thread_ts` and `cid` for a reply, so it opens in its thread. */
  async permalink(ref: string, threadRef: string | null = null): Promise<string | null> {
    const at = parseMessageRef(ref);
    if (!at) return null;
    const workspace = await this.#workspaceUrl(at.team);
    if (!workspace) return null;
    const link = `${workspace}archives/${at.channel}/p${at.ts.replace('.', '')}`;
    const thread = parseMessageRef(threadRef);
    return thread && thread.channel === at.channel && thread.ts !== at.ts
      ? `${link}?thread_ts=${thread.ts}&cid=${at.channel}`
      : link;
  }

  #workspaceUrl(team: string): Promise<string | null> {
    let found = this.#workspaceUrls.get(team);
    if (!found) {
      found = this.api.call<{ url?: string }>(team, 'auth.test', {}).then(
        (answer) => {
          const url = answer.url && /^https:\/\/[^\s/?#]+\//.test(answer.url) ? answer.url : null;
          return url && !url.endsWith('/') ? `${url}/` : url;
        },
        (error: unknown) => {
          // Not remembered: the next digest asks again.
          this.#workspaceUrls.delete(team);
          this.logger.warn({ err: error, team }, 'could not learn the Slack workspace address for message links');
          return null;
        },
      );
      this.#workspaceUrls.set(team, found);
    }
    return found;
  }

  async postQuestion(channel: ChannelAddress, card: QuestionCard): Promise<PostedMessage> {
    const { text, blocks } = renderQuestion(card);
    try {
      const posted = await this.api.call<{ ts?: string; channel?: string }>(channel.workspaceId, 'chat.postMessage', {
        channel: channel.channelId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      const ref = messageRef(channel.workspaceId, posted.channel ?? channel.channelId, String(posted.ts));
      // Replies gather in the thread under the question's own message.
      return { messageRef: ref, threadRef: ref };
    } catch (error) {
      throw await this.#refused(error, 'post a question', channel.workspaceId, channel.channelId);
    }
  }

  async updateQuestion(ref: string, card: QuestionCard): Promise<void> {
    const at = parseMessageRef(ref);
    if (!at) throw new AgoraError('PLATFORM_ERROR', `"${ref}" is not a Slack message reference.`, {});
    const { text, blocks } = renderQuestion(card);
    try {
      await this.api.call(at.team, 'chat.update', { channel: at.channel, ts: at.ts, text, blocks });
    } catch (error) {
      throw await this.#refused(error, 'update a question', at.team, at.channel);
    }
  }

  /** Long text goes as several messages, cut between paragraphs, so nothing is lost to Slack's 40,000 characters. */
  async sendPrivate(recipient: Recipient, text: string): Promise<PrivateDelivery> {
    const pieces = splitMrkdwn(fitEscaped(stripPings(text), Number.POSITIVE_INFINITY), TEXT_MAX);
    // In place first (one message only): in the thread they replied in, or through the interaction's response_url
    // while it is valid. Longer text goes as several direct messages.
    const single = pieces.length === 1 ? (pieces[0] as string) : null;
    const thread = recipient.replyHandle ? parseThreadReplyHandle(recipient.replyHandle) : undefined;
    if (single !== null && recipient.replyHandle) {
      if (thread && (await this.#inThread(recipient, thread, single))) return 'ephemeral';
      if (!thread && (await this.#respond(recipient.replyHandle, single))) return 'ephemeral';
    }
    let sent = 0;
    try {
      for (const piece of pieces) {
        await this.api.call(recipient.workspaceId, 'chat.postMessage', {
          channel: recipient.platformUserId,
          text: piece,
        });
        sent += 1;
      }
      return 'direct';
    } catch (error) {
      this.logger.info(
        { user: recipient.platformUserId, slackError: describeSlackError(error, 'a direct message').slackError },
        'a direct message was refused; trying an ephemeral message instead',
      );
    }
    if (!recipient.channel) return 'undelivered';
    try {
      for (const piece of pieces.slice(sent)) {
        await this.api.call(recipient.workspaceId, 'chat.postEphemeral', {
          channel: recipient.channel.channelId,
          user: recipient.platformUserId,
          text: piece,
        });
      }
      return 'ephemeral';
    } catch (error) {
      this.logger.warn(
        { err: error, user: recipient.platformUserId, channel: recipient.channel.channelId },
        'could not reach a person privately on Slack',
      );
      return 'undelivered';
    }
  }

  /** An ephemeral message in a thread, to this person only; false when Slack refused it (the caller falls back). */
  async #inThread(recipient: Recipient, thread: { channel: string; threadTs: string }, text: string): Promise<boolean> {
    try {
      await this.api.call(recipient.workspaceId, 'chat.postEphemeral', {
        channel: thread.channel,
        user: recipient.platformUserId,
        thread_ts: thread.threadTs,
        text,
      });
      return true;
    } catch (error) {
      this.logger.info(
        { user: recipient.platformUserId, slackError: describeSlackError(error, 'an ephemeral message').slackError },
        'an ephemeral message in a thread was refused; trying a direct message instead',
      );
      return false;
    }
  }

  /** Posts to an interaction's response_url; false when it has expired or Slack refused it (the caller falls back). */
  async #respond(responseUrl: string, text: string): Promise<boolean> {
    try {
      const answer = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        signal: AbortSignal.timeout(5000),
      });
      if (answer.ok) return true;
      // Slack says why in the body ("expired_url" once its 30 minutes or 5 uses are gone).
      const why = await answer.text().catch(() => '');
      this.logger.info(
        { status: answer.status, slackError: slackErrorIn(why) },
        'a response_url was refused; answering privately instead',
      );
    } catch (error) {
      this.logger.info({ err: error }, 'a response_url could not be reached; answering privately instead');
    }
    return false;
  }

  async postMessage(channel: ChannelAddress, text: string): Promise<PostedMessage> {
    try {
      const posted = await this.api.call<{ ts?: string; channel?: string }>(channel.workspaceId, 'chat.postMessage', {
        channel: channel.channelId,
        text: fitEscaped(stripPings(text), TEXT_MAX),
        unfurl_links: false,
      });
      return {
        messageRef: messageRef(channel.workspaceId, posted.channel ?? channel.channelId, String(posted.ts)),
        threadRef: null,
      };
    } catch (error) {
      throw await this.#refused(error, 'post a message', channel.workspaceId, channel.channelId);
    }
  }

  async postStatementForReview(channel: ChannelAddress, review: StatementForReview): Promise<PostedMessage> {
    try {
      const posted = await this.api.call<{ ts?: string; channel?: string }>(channel.workspaceId, 'chat.postMessage', {
        channel: channel.channelId,
        ...reviewRequest(review),
        unfurl_links: false,
      });
      return {
        messageRef: messageRef(channel.workspaceId, posted.channel ?? channel.channelId, String(posted.ts)),
        threadRef: null,
      };
    } catch (error) {
      throw await this.#refused(error, 'post a statement for approval', channel.workspaceId, channel.channelId);
    }
  }

  async showStatementDecision(ref: string, decision: StatementDecision): Promise<void> {
    const at = parseMessageRef(ref);
    if (!at) throw new AgoraError('PLATFORM_ERROR', `"${ref}" is not a Slack message reference.`);
    try {
      await this.api.call(at.team, 'chat.update', { channel: at.channel, ts: at.ts, ...reviewDecided(decision) });
    } catch (error) {
      throw await this.#refused(error, 'show a decision on a statement', at.team, at.channel);
    }
  }

  async postFile(channel: ChannelAddress, file: OutgoingFile): Promise<void> {
    try {
      await this.api.uploadFile(channel.workspaceId, {
        channel_id: channel.channelId,
        filename: file.name,
        title: file.title,
        content: file.content,
        ...(file.comment ? { initial_comment: fitEscaped(stripPings(file.comment), 3000) } : {}),
      });
    } catch (error) {
      throw await this.#refused(error, 'upload a file', channel.workspaceId, channel.channelId);
    }
  }

  /** Logs one clear line naming the channel and what to do, and returns the error for the core and scheduler. */
  async #refused(error: unknown, action: string, team: string, channel: string): Promise<AgoraError> {
    const where = await this.#describeChannel(team, channel, error);
    const failure = platformError(error, action, where, { team, channel });
    this.logger.error(
      {
        team,
        channel,
        slackError: failure.details.slackError,
        retryable: failure.details.retryable,
      },
      `Could not ${action} in ${where}: ${failure.details.advice}`,
    );
    return failure;
  }

  /** "#staff (C0456)" when Slack will say the name, else the id; never fails. */
  async #describeChannel(team: string, channel: string, error: unknown): Promise<string> {
    if (describeSlackError(error, '').slackError === 'channel_not_found') return `channel ${channel}`;
    try {
      const info = await this.api.call<{ channel?: { name?: string } }>(team, 'conversations.info', { channel });
      return info.channel?.name ? `#${info.channel.name} (${channel})` : `channel ${channel}`;
    } catch {
      return `channel ${channel}`;
    }
  }
}

/** The `error` of a refused response_url's JSON answer, or its text when it is not JSON. */
function slackErrorIn(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return body.slice(0, 200) || undefined;
  }
}
