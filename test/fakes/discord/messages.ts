import {
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIUser,
  type GatewayMessageCreateDispatchData,
  MessageReferenceType,
  MessageType,
} from 'discord.js';
import { fixturePayload } from './fixtures.ts';
import type { FakeChannel, World } from './world.ts';

export interface MessageDraft {
  channel: FakeChannel;
  author: APIUser;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  attachments?: APIAttachment[];
  flags?: number;
  type?: MessageType;
  replyTo?: APIMessage;
  /** Whether a reply pings the author it replies to (Discord's allowed_mentions.replied_user). */
  mentionRepliedUser?: boolean;
  extra?: Partial<APIMessage>;
}

const userMention = /<@!?(\d+)>/g;

/** Builds a message from the recorded MESSAGE_CREATE's shape, minus the fields only gateway events carry. */
export function buildMessage(world: World, draft: MessageDraft): APIMessage {
  const { guild_id, member, channel_type, message_reference, referenced_message, ...shape } =
    fixturePayload<GatewayMessageCreateDispatchData>('message-create-thread-reply');
  const content = draft.content ?? '';
  const mentioned = [...content.matchAll(userMention)].flatMap(([, id]) => world.users.get(id ?? '')?.data ?? []);
  const { replyTo } = draft;
  if (replyTo && draft.mentionRepliedUser !== false) mentioned.push(replyTo.author);
  const guildId = world.guildOf(draft.channel)?.id;
  return {
    ...shape,
    id: world.nextId(),
    channel_id: draft.channel.data.id,
    author: draft.author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    mentions: [...new Map(mentioned.map((user) => [user.id, user])).values()],
    mention_roles: [],
    mention_everyone: false,
    embeds: draft.embeds ?? [],
    components: numberComponents(draft.components ?? []),
    attachments: draft.attachments ?? [],
    flags: draft.flags ?? 0,
    type: replyTo ? MessageType.Reply : (draft.type ?? MessageType.Default),
    ...(replyTo && {
      message_reference: {
        type: MessageReferenceType.Default,
        message_id: replyTo.id,
        channel_id: replyTo.channel_id,
        ...(guildId && { guild_id: guildId }),
      },
      referenced_message: withoutReference(replyTo),
    }),
    ...draft.extra,
  };
}

/** A replied-to message as Discord nests it: without the message it replied to in turn. */
function withoutReference({ referenced_message, ...message }: APIMessage): APIMessage {
  return message;
}

/** Gives every component without one the numeric `id` Discord assigns, counting depth first. */
export function numberComponents<T>(components: T[]): T[] {
  let next = 1;
  const number = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(number);
    if (typeof value !== 'object' || value === null) return value;
    const component = value as Record<string, unknown>;
    const copy: Record<string, unknown> = 'type' in component && !('id' in component) ? { id: next++ } : {};
    for (const [key, field] of Object.entries(component)) copy[key] = number(field);
    if (typeof copy.id === 'number') next = Math.max(next, copy.id + 1);
    return copy;
  };
  return components.map(number) as T[];
}
