import { renderInstants } from '../../src/core/chat-text.ts';
import { stripPings, truncateText } from '../../src/core/safe-text.ts';
import { discordTime } from './discord-time.ts';

/** Instants in Agora's words as Discord timestamps, which each reader's client shows in their own zone. */
function withTimestamps(text: string): string {
  return renderInstants(text, (at) => discordTime(at, 'f'));
}

/** Stored text shown on Discord: pings neutralised, cut to fit. */
export function shown(text: string, max: number): string {
  return truncateText(withTimestamps(stripPings(text)), max);
}

/** Stored text, pings neutralised, whole. */
export function safe(text: string): string {
  return withTimestamps(stripPings(text));
}

export { truncateText };

/**
 * Splits text into pieces of at most `max` characters, at line breaks where possible, then at spaces, so a long
 * reply is sent as several messages instead of being refused.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.trim() || pieces.length === 0) pieces.push(rest);
  return pieces;
}
