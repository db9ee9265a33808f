import type { StoredMessage, TeamsWorld } from './world.ts';

/**
 * The message a Teams link (`https://teams.microsoft.com/l/message/<channel>/<id>?tenantId=…`) opens, as Teams
 * opens it: only in its own tenant and channel, and a reply only inside its thread (`parentMessageId` naming its
 * post); null for anything else.
 */
export function openedByLink(world: TeamsWorld, link: string): StoredMessage | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const at = /^\/l\/message\/([^/]+)\/(\d+)$/.exec(url.pathname);
  if (url.origin !== 'https://teams.microsoft.com' || !at) return null;
  if (url.searchParams.get('tenantId') !== world.tenantId) return null;
  const message = world.messages.get(at[2] as string);
  if (!message || message.deleted || message.conversationId !== decodeURIComponent(at[1] as string)) return null;
  const isReply = message.rootId !== null && message.rootId !== message.id;
  if (isReply && url.searchParams.get('parentMessageId') !== message.rootId) return null;
  return message;
}

/** The `messagePayload` Teams sends with a message action: the message as Microsoft Graph describes it. */
export function messagePayloadOf(world: TeamsWorld, message: StoredMessage) {
  const person = world.personById(message.from.id);
  const html = message.attachments.find((a) => a.contentType === 'text/html')?.content;
  return {
    id: message.id,
    ...(message.rootId && message.rootId !== message.id && { replyToId: message.rootId }),
    createdDateTime: new Date(message.createdAt).toISOString(),
    messageType: 'message',
    importance: 'normal',
    locale: 'en-gb',
    from: message.from.bot
      ? { application: { id: message.from.id, displayName: message.from.name, applicationIdentityType: 'bot' } }
      : { user: { id: person?.aadObjectId, displayName: message.from.name, userIdentityType: 'aadUser' } },
    body: { contentType: 'html', content: typeof html === 'string' ? html : `<p>${message.text}</p>` },
    attachments: [],
    mentions: [],
    reactions: [],
  };
}

type Manifest = { composeExtensions?: { commands?: Record<string, unknown>[] }[] };

/**
 * The message action the app's manifest lists under `title` ("…" → More actions on a message): Teams offers only
 * commands of type `action` whose context includes `message`, and opens their dialog by `fetchTask`.
 */
export function messageActionTitled(manifest: Manifest | undefined, title: string): { id: string } {
  const commands = (manifest?.composeExtensions ?? []).flatMap((e) => e.commands ?? []);
  const found = commands.find(
    (c) =>
      c.title === title &&
      c.type === 'action' &&
      Array.isArray(c.context) &&
      c.context.includes('message') &&
      c.fetchTask === true,
  );
  if (!found || typeof found.id !== 'string') throw new Error(`the app offers no message action "${title}"`);
  return { id: found.id };
}
