/** What the fake Teams keeps: one team's channels, its people, and every message posted, by id. */

export interface TeamsPerson {
  /** The Bot Framework id of the person for this bot (`29:...`). */
  id: string;
  /** Their Microsoft Entra object id, the same in every app. */
  aadObjectId: string;
  name: string;
}

export interface StoredMessage {
  id: string;
  /** The channel (`19:...@thread.tacv2`) or the 1:1 chat (`a:...`) the message is in. */
  conversationId: string;
  /** In a channel: the id of the post whose thread the message is in (its own id for a post). */
  rootId: string | null;
  from: { id: string; name: string; bot: boolean };
  text: string;
  attachments: Record<string, unknown>[];
  replyToId: string | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
}

export class TeamsWorld {
  readonly messages = new Map<string, StoredMessage>();
  readonly people = new Map<string, TeamsPerson>();
  readonly channels = new Map<string, string>();
  /** Channels the bot was removed from (or never added to): Teams answers its posts there with 403. */
  readonly refused = new Set<string>();
  /** What people were shown in answer to their invokes (a card action's message, a dialog's closing words). */
  readonly notices: { person: string; text: string; id: string }[] = [];
  #lastId = Date.now();

  constructor(
    readonly tenantId: string,
    readonly teamId: string,
  ) {}

  /** Message ids as Teams makes them: the creation time in milliseconds, unique and increasing. */
  nextId(): string {
    this.#lastId = Math.max(this.#lastId + 1, Date.now());
    return String(this.#lastId);
  }

  person(name: string): TeamsPerson {
    let found = this.people.get(name);
    if (!found) {
      found = { id: `29:${name}`, aadObjectId: `aad-${name}`, name: name[0]?.toUpperCase() + name.slice(1) };
      this.people.set(name, found);
    }
    return found;
  }

  /** The person a member id names, by Bot Framework id or Entra object id. */
  personById(id: string): TeamsPerson | undefined {
    return [...this.people.values()].find((p) => p.id === id || p.aadObjectId === id);
  }

  personalChatOf(person: TeamsPerson): string {
    return `a:personal-${person.name}`;
  }

  add(message: Omit<StoredMessage, 'id' | 'createdAt' | 'editedAt' | 'deleted'>, id = this.nextId()): StoredMessage {
    const stored: StoredMessage = {
      ...message,
      id,
      rootId: message.rootId === null && this.channels.has(message.conversationId) ? id : message.rootId,
      createdAt: Date.now(),
      editedAt: null,
      deleted: false,
    };
    this.messages.set(id, stored);
    return stored;
  }

  /** The full conversation id of a message's place: a channel thread is `<channel>;messageid=<root>`. */
  conversationOf(message: StoredMessage): string {
    return message.rootId ? `${message.conversationId};messageid=${message.rootId}` : message.conversationId;
  }

  /** What a conversation id names: a channel, a thread in one, or a 1:1 chat. */
  place(conversationId: string): { conversationId: string; rootId: string | null } | undefined {
    const [base = '', thread] = conversationId.split(';messageid=');
    if (this.channels.has(base)) return { conversationId: base, rootId: thread ?? null };
    if (base.startsWith('a:personal-') && !thread) return { conversationId: base, rootId: null };
    return undefined;
  }

  inConversation(conversationId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.conversationId === conversationId && !m.deleted);
  }
}
