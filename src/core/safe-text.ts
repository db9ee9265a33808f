/**
 * Text that people wrote, shown again by Agora (in summaries, confirmations, the Home tab, digests), must not
 * notify anyone: a quoted `<!channel>` would ping a whole channel in the organiser's name. These helpers neutralise
 * pings and mentions on every platform while keeping the words readable.
 */

// A zero-width space after "@" keeps the word legible but stops Slack and Discord from treating it as a ping.
const ZWSP = '\u200b';

const SLACK_BROADCAST = /<!(channel|here|everyone)(?:\|[^>]*)?>/gi;
const SLACK_USER = /<@([UW][A-Z0-9_]*)(?:\|([^>]*))?>/gi;
const SLACK_GROUP = /<!subteam\^[A-Z0-9_]+(?:\|@?([^>]*))?>/gi;
const DISCORD_USER = /<@!?(\d+)>/g;
const DISCORD_ROLE = /<@&(\d+)>/g;
const BARE_BROADCAST = /(^|[\s(>*_~])@(channel|here|everyone)\b/gi;

/** Replaces channel-wide pings and user, group and role mentions with plain, non-notifying words. */
export function stripPings(text: string): string {
  return text
    .replace(SLACK_BROADCAST, (_m, word: string) => `@${ZWSP}${word.toLowerCase()}`)
    .replace(SLACK_GROUP, (_m, name: string | undefined) => `@${ZWSP}${name?.trim() || 'group'}`)
    .replace(SLACK_USER, (_m, _id: string, name: string | undefined) => `@${ZWSP}${name?.trim() || 'someone'}`)
    .replace(DISCORD_ROLE, () => `@${ZWSP}role`)
    .replace(DISCORD_USER, () => `@${ZWSP}someone`)
    .replace(BARE_BROADCAST, (_m, before: string, word: string) => `${before}@${ZWSP}${word}`);
}

/** Shortens text to at most `max` characters, ending with `marker` when anything was cut. */
export function truncateText(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  if (max <= marker.length) return marker.slice(0, max);
  return `${text.slice(0, max - marker.length).trimEnd()}${marker}`;
}

/** Stored text made fit to show again: pings removed, then cut to `max` characters. */
export function safeExcerpt(text: string, max: number): string {
  return truncateText(stripPings(text), max);
}
