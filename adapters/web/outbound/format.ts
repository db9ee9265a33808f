import { zonedLabel } from '../../../src/core/chat-text.ts';
import { anonymityNote as coreAnonymityNote } from '../../../src/core/presentation/question-wording.ts';
import type { Anonymity, QuestionKind } from '../../../src/core/types.ts';

/** Small formatting helpers shared by the sandbox and the dashboard. */

/** `Mon, 25 Jan 2027, 17:00 GMT` in the programme's time zone (UTC when none is known). */
export function formatWhen(at: Date, timeZone = 'UTC'): string {
  return zonedLabel(at, timeZone);
}

/** Length as a person counts characters (code points, so an emoji is one). */
export function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The anonymity note every platform shows, set for the web where buttons are named in quotes. */
export const anonymityNote = (anonymity: Anonymity, kind: QuestionKind) =>
  coreAnonymityNote(anonymity, kind, { strong: (label) => `“${label}”`, audience: 'channel' });
