import { safeExcerpt, stripPings, truncateText } from '../../src/core/safe-text.ts';

/** Stored text shown on Discord: pings neutralised, cut to fit. */
export function shown(text: string, max: number): string {
  return safeExcerpt(text, max);
}

/** Stored text, pings neutralised, whole. */
export function safe(text: string): string {
  return stripPings(text);
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
