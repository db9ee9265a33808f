import { Activity } from '@microsoft/agents-activity';
import { ConnectorClient } from '@microsoft/agents-hosting';
import type { BotTokens } from './bot-tokens.ts';
import { channelRefusal } from './connector-errors.ts';
import { splitConversation } from './refs.ts';

/** An Adaptive Card as a message attachment. */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export type Card = Record<string, unknown>;

/** An attachment that is not an Adaptive Card (a file consent or file info card). */
export interface OtherAttachment {
  contentType: string;
  name?: string;
  contentUrl?: string;
  content: Record<string, unknown>;
}

export interface OutgoingMessage {
  text?: string;
  card?: Card;
  attachment?: OtherAttachment;
}

/**
 * The Bot Connector REST API, through the SDK's ConnectorClient: each call gets the bot's current token and the
 * service URL Teams last gave for the tenant (every activity carries one; TEAMS_SERVICE_URL until then). Also knows
 * people's Bot Framework ids by their Entra object ids, as activities show them, for opening 1:1 chats.
 */
export class TeamsConnector {
  readonly #serviceUrls = new Map<string, string>();
  readonly #memberIds = new Map<string, string>();

  constructor(
    private readonly tokens: BotTokens,
    private readonly appId: string,
    private readonly defaultServiceUrl: string,
  ) {}

  /** What an inbound activity teaches: where to answer this tenant, and this person's id in this app. */
  learn(tenantId: string | undefined, serviceUrl: string | undefined, aadObjectId?: string, memberId?: string): void {
    if (tenantId && serviceUrl) this.#serviceUrls.set(tenantId, serviceUrl);
    if (aadObjectId && memberId) this.#memberIds.set(aadObjectId, memberId);
  }

  serviceUrlOf(tenantId: string): string {
    return this.#serviceUrls.get(tenantId) ?? this.defaultServiceUrl;
  }

  async #client(tenantId: string): Promise<ConnectorClient> {
    return ConnectorClient.createClientWithToken(this.serviceUrlOf(tenantId), await this.tokens.token());
  }

  #activity(message: OutgoingMessage): Activity {
    const attachments = [
      ...(message.card ? [{ contentType: ADAPTIVE_CARD, content: message.card }] : []),
      ...(message.attachment ? [message.attachment] : []),
    ];
    return Activity.fromObject({
      type: 'message',
      ...(message.text !== undefined && { text: message.text, textFormat: 'markdown' }),
      ...(attachments.length > 0 && { attachments }),
    });
  }

  /** A new post in a channel; its id is the thread its replies will be in. */
  async post(tenantId: string, channelId: string, message: OutgoingMessage): Promise<string> {
    const client = await this.#client(tenantId);
    try {
      const sent = await client.sendToConversation(channelId, this.#activity(message));
      return sent.id;
    } catch (error) {
      throw channelRefusal(error, 'post in a channel', tenantId, channelId);
    }
  }

  async send(tenantId: string, conversationId: string, message: OutgoingMessage, replyToId?: string): Promise<string> {
    const client = await this.#client(tenantId);
    const activity = this.#activity(message);
    const sent = replyToId
      ? await client.replyToActivity(conversationId, replyToId, activity)
      : await client.sendToConversation(conversationId, activity);
    return sent.id;
  }

  async update(tenantId: string, conversationId: string, activityId: string, message: OutgoingMessage): Promise<void> {
    const client = await this.#client(tenantId);
    const activity = this.#activity(message);
    activity.id = activityId;
    try {
      await client.updateActivity(conversationId, activityId, activity);
    } catch (error) {
      throw channelRefusal(error, 'update a message', tenantId, splitConversation(conversationId).channelId);
    }
  }

  /** The 1:1 chat between the bot and a person (Teams returns the same one each time). */
  async personalChat(tenantId: string, aadObjectId: string): Promise<string> {
    const client = await this.#client(tenantId);
    const created = await client.createConversation({
      isGroup: false,
      bot: { id: `28:${this.appId}`, name: 'Agora' },
      members: [{ id: this.#memberIds.get(aadObjectId) ?? aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as unknown as Parameters<ConnectorClient['createConversation']>[0]);
    return created.id;
  }
}
