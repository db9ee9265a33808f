import { zonedLabel } from '../../src/core/chat-text.ts';

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

export const KIND_LABELS: Record<string, string> = {
  open: 'Open question',
  single_choice: 'Poll: one choice',
  multi_choice: 'Poll: several choices',
  ranked: 'Poll: ranking',
  likert: 'Rating scale',
  statements: 'Agree or disagree',
};

export const ANONYMITY_NOTES: Record<string, string> = {
  named: 'Answers are shown with your name.',
  pseudonymous: 'Answers are shown with a pseudonym, never your name.',
  anonymous: 'Answers are anonymous: no name or pseudonym is shown, here or to the organisers.',
};
