/**
 * Agora's references to Discord things.
 * - A message: `discord:GUILD:CHANNEL:MESSAGE`, where CHANNEL is where the message lives (a text channel, or a
 *   thread: replies and forum posts live in their thread).
 * - A thread: `discord:GUILD:THREAD`; THREAD is what MESSAGE_CREATE in the thread carries as `channel_id`.
 * A reply's message reference is also its idempotency key: it names the message, not the event that told us about
 * it, so a live event, a replay after a resume and a catch-up of the same message record it once.
 */

export interface DiscordMessageAddress {
  guildId: string;
  channelId: string;
  messageId: string;
}

export interface DiscordThreadAddress {
  guildId: string;
  threadId: string;
}

const MESSAGE = /^discord:([^:\s]+):([^:\s]+):([^:\s]+)$/;
const THREAD = /^discord:([^:\s]+):([^:\s]+)$/;

export function messageRef(guildId: string, channelId: string, messageId: string): string {
  return `discord:${guildId}:${channelId}:${messageId}`;
}

export function threadRef(guildId: string, threadId: string): string {
  return `discord:${guildId}:${threadId}`;
}

export function parseMessageRef(ref: string | null | undefined): DiscordMessageAddress | undefined {
  const match = ref ? MESSAGE.exec(ref) : null;
  if (!match) return undefined;
  return { guildId: match[1] as string, channelId: match[2] as string, messageId: match[3] as string };
}

export function parseThreadRef(ref: string | null | undefined): DiscordThreadAddress | undefined {
  const match = ref ? THREAD.exec(ref) : null;
  if (!match) return undefined;
  return { guildId: match[1] as string, threadId: match[2] as string };
}

/** Discord ids are snowflakes: later ids are larger numbers. */
export function isNewer(id: string, than: string): boolean {
  try {
    return BigInt(id) > BigInt(than);
  } catch {
    return id > than;
  }
}
