import { stripPings } from '../safe-text.ts';

/**
 * Text from the store made safe for where it goes. Everything a participant wrote passes through one of these
 * before it leaves: chat (no pings), HTML (escaped), Markdown (no accidental formatting), CSV (no formulas).
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Breaks every mention that would notify people: `@everyone`, `@here`, `@channel`, Slack's `<!channel>`,
 * `<!here>`, `<!everyone>`, `<!subteam^…>` and `<@U…>`, Discord's `<@123>`, `<@!123>`, `<@&123>` (roles).
 * The core's `stripPings` turns known forms into readable, non-notifying words; whatever is left that a platform
 * could still parse (an `@everyone` glued to a word, any other `<@…>` or `<!…>`) gets a zero-width space.
 */
export function neutraliseMentions(text: string): string {
  return breakMentions(stripPings(text));
}

/** Mentions made inert with a zero-width space, every character kept (for quotes that must stay verbatim). */
export function breakMentions(text: string): string {
  return text
    .replace(/@(everyone|here|channel)\b/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([!@#])/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/**
 * Text for a chat message: no mention pings anyone. Platform escaping (Slack's `&`, `<`, `>`) is the adapter's
 * job when it sends the text, so it is not done twice.
 */
export function safeChatText(text: string): string {
  return neutraliseMentions(text);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

/**
 * Inline Markdown text: characters that would start emphasis, code, links, images, HTML or tables are escaped, and
 * line-start markers (headings, quotes, lists) are neutralised. Newlines become spaces: use `markdownBlockQuote`
 * for multi-line text.
 */
export function escapeMarkdown(text: string): string {
  return breakMentions(text)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, '\\$&')
    .replace(/^(\s*)([-=])/g, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/g, '$1\\$2');
}

/** A Markdown block quote of multi-line text, each line escaped. */
export function markdownBlockQuote(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => (line.trim() === '' ? '>' : `> ${escapeMarkdown(line)}`))
    .join('\n');
}

/** Characters that make a spreadsheet treat a cell as a formula (or, for tab and CR, hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV text cell that no spreadsheet evaluates: one starting with = + - @ tab or CR gets a leading '. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | boolean | null | undefined, guard = true): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = guard ? neutraliseFormula(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF terminator. Text cells are neutralised; numbers are written as numbers. */
export function csvRecord(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map((value) => csvField(value)).join(',')}\r\n`;
}

/**
 * One CSV record for an interchange file that tools read (the Pol.is format): text exactly as written, no
 * formula guard, which is for files opened in spreadsheets.
 */
export function interchangeRecord(values: (string | number | boolean | null | undefined)[]): string {
  return `${values.map((value) => csvField(value, false)).join(',')}\r\n`;
}
