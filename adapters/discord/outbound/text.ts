import { renderInstants } from '../../../src/core/chat-text.ts';
import { stripPings } from '../../../src/core/safe-text.ts';
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

/** Discord's timestamp markup (`<t:1797094800:f>`): a cut inside one would show its raw half. */
const TIMESTAMP = /<t:-?\d+(?::[tTdDfFR])?>/g;

/** Where to cut `text` at or before `at` so that no timestamp is cut in half. */
function outsideTimestamps(text: string, at: number): number {
  for (const match of text.matchAll(TIMESTAMP)) {
    if (match.index >= at) break;
    if (match.index + match[0].length > at) return match.index;
  }
  return at;
}

/** Text cut to at most `max` characters, ending with `marker` when anything was cut, never inside a timestamp. */
export function truncateText(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  if (max <= marker.length) return marker.slice(0, max);
  return `${text.slice(0, outsideTimestamps(text, max - marker.length)).trimEnd()}${marker}`;
}

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
    cut = outsideTimestamps(rest, cut) || cut;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.trim() || pieces.length === 0) pieces.push(rest);
  return pieces;
}
