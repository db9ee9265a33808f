import { chatTextPieces, plainInstants, withoutCodeMarks } from '../../../src/core/chat-text.ts';
import { stripPings } from '../../../src/core/safe-text.ts';
import { cutAtWord } from '../../../src/core/wording.ts';
import { slackDate } from './date-token.ts';

/** Text for Slack's mrkdwn: people's words made safe to show again, escaped, and fitted to Block Kit's limits. */

/** Slack's text fields escape these three; everything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a person typed, from Slack's escaped message text. Mentions and links stay in Slack's `<...>` markup. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Escapes `text` and cuts it so the escaped result is at most `max` characters, never inside an entity, ending
 * with `marker` when anything was cut.
 */
export function fitEscaped(text: string, max: number, marker = '…'): string {
  // Instants in Agora's words become date tokens, whole or not at all.
  const pieces = chatTextPieces(text).flatMap((piece) =>
    'text' in piece ? [...piece.text].map(escapeMrkdwn) : [slackDate(piece.at)],
  );
  const escaped = pieces.join('');
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > max - marker.length) break;
    out += piece;
  }
  return `${out.trimEnd()}${marker}`;
}

/** Stored text to show in mrkdwn: pings removed, escaped, and cut to `max` characters. */
export function shown(text: string, max: number): string {
  return fitEscaped(stripPings(text), max);
}

/** Plain text (headers, buttons, options): pings removed and cut, not escaped; code marks do not render there. */
export function plainShown(text: string, max: number): string {
  const clean = withoutCodeMarks(plainInstants(stripPings(text)))
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= max) return clean || '…';
  return `${clean.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Splits escaped mrkdwn into pieces of at most `max` characters, preferring paragraph, line and word breaks, never
 * cutting an entity in half.
 */
export function splitMrkdwn(escaped: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = escaped.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    const amp = window.lastIndexOf('&', cut);
    if (amp >= 0 && amp > cut - 5 && !window.slice(amp, cut).includes(';')) cut = amp;
    // Never inside Slack's `<...>` markup (a date token, a link, a mention).
    const open = window.lastIndexOf('<', cut - 1);
    if (open > 0 && open > window.lastIndexOf('>', cut - 1)) cut = open;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Slack's limit on a modal field error (`response_action: errors`). */
export const MODAL_ERROR_MAX = 150;

/**
 * Agora's words as a modal's field error, where neither mrkdwn nor date tokens render: each instant as a label in
 * its programme's zone (named), code marks dropped, cut at a word.
 */
export function modalError(text: string): string {
  return cutAtWord(withoutCodeMarks(plainInstants(stripPings(text))), MODAL_ERROR_MAX);
}
