import type { Activity } from '@microsoft/agents-activity';
import type { PlatformIdentity } from '../../src/core/types.ts';
import { splitConversation } from './refs.ts';

/** What Agora reads of a Teams activity: who, where, and the words they wrote. */

export function personOf(activity: Activity): PlatformIdentity {
  const from = activity.from;
  return {
    platform: 'teams',
    // The Entra object id is the same in every app and is what organisers find in the admin centre.
    platformUserId: from?.aadObjectId ?? from?.id ?? '',
    displayName: from?.name ?? '',
  };
}

export function tenantOf(activity: Activity): string {
  const data = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? data?.tenant?.id ?? '';
}

/** Where a channel message is: its channel, and the post whose thread it is in (null for a new post). */
export function channelPlace(activity: Activity): { channelId: string; rootId: string | null } | undefined {
  if (activity.conversation?.conversationType !== 'channel') return undefined;
  const { channelId, rootId } = splitConversation(activity.conversation.id);
  return { channelId, rootId: rootId && rootId !== activity.id ? rootId : null };
}

const decodeEntities = (html: string) =>
  html
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function htmlOf(activity: Activity): string | undefined {
  const html = activity.attachments?.find((a) => a.contentType === 'text/html')?.content;
  return typeof html === 'string' ? html : undefined;
}

const QUOTE = /<blockquote[^>]*itemtype="http:\/\/schema\.skype\.com\/Reply"[^>]*>[\s\S]*?<\/blockquote>/i;

/** The message a reply quotes (Teams's "Reply" on a message puts it in a blockquote naming its id). */
export function quotedMessageId(activity: Activity): string | null {
  const quote = QUOTE.exec(htmlOf(activity) ?? '')?.[0];
  return quote ? (/itemid="(\d+)"/.exec(quote)?.[1] ?? null) : null;
}

/** How the bot's mentions read in the text (`<at>Agora</at>`), as the activity's mention entities say. */
function botMentions(activity: Activity): string[] {
  const entities = (activity.entities ?? []) as { type?: string; text?: string; mentioned?: { id?: string } }[];
  return entities
    .filter((e) => e.type === 'mention' && e.mentioned?.id === activity.recipient?.id && e.text)
    .map((e) => e.text as string);
}

/** The person's own words: the bot's mentions and any quoted reply left out, other people's names kept. */
export function wordsOf(activity: Activity): string {
  const mentions = botMentions(activity);
  const names = new Set(mentions.map((m) => m.replace(/<\/?at>/g, '').trim()));
  const html = htmlOf(activity);
  let words: string;
  if (html && QUOTE.test(html)) {
    words = decodeEntities(
      html
        .replace(QUOTE, '')
        .replace(/<at[^>]*>([\s\S]*?)<\/at>/gi, (_, name: string) => (names.has(name.trim()) ? '' : name))
        .replace(/<br\s*\/?>|<\/p>/gi, '\n')
        .replace(/<[^>]+>/g, ''),
    );
  } else {
    words = activity.text ?? '';
    for (const mention of mentions) words = words.split(mention).join('');
  }
  return words
    .replace(/<\/?at>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether the activity @mentions the bot. */
export const mentionsBot = (activity: Activity) => botMentions(activity).length > 0;
