/**
 * Teams references: `teams:<tenant>:<channel>:<message>`, each part URI-encoded (channel ids hold `:` and `@`).
 * A question's post is its own thread: replies to it live in the conversation `<channel>;messageid=<post>`.
 */

export interface TeamsMessageAt {
  tenantId: string;
  channelId: string;
  messageId: string;
}

const REF = /^teams:([^:\s]+):([^:\s]+):([^:\s]+)$/;

export function teamsRef(at: TeamsMessageAt): string {
  return `teams:${[at.tenantId, at.channelId, at.messageId].map(encodeURIComponent).join(':')}`;
}

export function parseTeamsRef(ref: string | null | undefined): TeamsMessageAt | undefined {
  const match = ref ? REF.exec(ref) : null;
  if (!match) return undefined;
  try {
    const [tenantId, channelId, messageId] = match.slice(1).map((part) => decodeURIComponent(part)) as [
      string,
      string,
      string,
    ];
    return { tenantId, channelId, messageId };
  } catch {
    return undefined;
  }
}

/** The conversation id of a post's thread. */
export const threadConversation = (channelId: string, rootId: string) => `${channelId};messageid=${rootId}`;

/** A channel conversation id split into its channel and, for a thread, the post it hangs from. */
export function splitConversation(conversationId: string): { channelId: string; rootId: string | null } {
  const [channelId = '', rootId] = conversationId.split(';messageid=');
  return { channelId, rootId: rootId ?? null };
}

/**
 * Teams's link to a message: a reply opens inside its thread when `parentId` (its post) is given. Teams needs
 * the tenant; the team's group id is optional and the link opens without it for members of the team.
 */
export function messageLink(at: TeamsMessageAt, parentId?: string): string {
  const query = new URLSearchParams({ tenantId: at.tenantId, createdTime: at.messageId });
  if (parentId && parentId !== at.messageId) query.set('parentMessageId', parentId);
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(at.channelId)}/${encodeURIComponent(at.messageId)}?${query}`;
}
