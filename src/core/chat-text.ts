/**
 * Agora's own words name instants ("closes …", "quiet hours end …") without knowing who will read them or where.
 * The core writes `instantIn(at, zone)` into its text; each adapter renders the mark its own way: a Slack date
 * token and a Discord timestamp show the time in the reader's own zone, the sandbox and the command line write it
 * in the programme's zone and name that zone. Text with no adapter in between (logs, audit) uses `plainInstants`.
 */

// Private-use characters: no platform gives them a meaning, no escaping touches them, and no one types them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = /\uE000(-?\d+)\|([^\uE000\uE001]*)\uE001/g;
const STRAY = /[\uE000\uE001]/g;

/** An instant inside a message, shown in the reader's zone where the platform can, else in `timeZone`. */
export function instantIn(at: Date, timeZone: string): string {
  return `${OPEN}${at.getTime()}|${timeZone}${CLOSE}`;
}

export type InstantRenderer = (at: Date, timeZone: string) => string;

export type ChatTextPiece = { text: string } | { at: Date; timeZone: string };

/** The text split into plain runs and instants, for renderers that measure or escape as they go. */
export function chatTextPieces(text: string): ChatTextPiece[] {
  const pieces: ChatTextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(MARK)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index).replace(STRAY, '') });
    pieces.push({ at: new Date(Number(match[1])), timeZone: match[2] || 'UTC' });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last).replace(STRAY, '') });
  return pieces;
}

/** Replaces every instant with what `render` makes of it; a mark cut in half is dropped. */
export function renderInstants(text: string, render: InstantRenderer): string {
  if (!text.includes(OPEN) && !text.includes(CLOSE)) return text;
  return chatTextPieces(text)
    .map((piece) => ('text' in piece ? piece.text : render(piece.at, piece.timeZone)))
    .join('');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `Mon, 25 Jan 2027, 17:00 GMT`: the instant in the zone, with the zone's name. */
export function zonedLabel(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}

/** `2027-01-11 09:00 GMT`: compact, for tables (the command line's lists). */
export function localTimeLabel(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/** Instants written out in their programme's zone, named: for the command line, logs and plain text. */
export function plainInstants(text: string): string {
  return renderInstants(text, zonedLabel);
}

/** Code spans (`/agora help`) as plain words, for places that show text without any markup. */
export function withoutCodeMarks(text: string): string {
  return text.replace(/`([^`\n]+)`/g, '$1');
}
