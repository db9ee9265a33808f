import { n, percent } from './describe.ts';
import type { DigestHeard } from './model.ts';
import type { TableCells } from './tables.ts';

/** "Who has been heard": the roster against who took part, in sentences and a table for every format. */

export const HEARD_HEADING = 'Who has been heard';

export function heardLine(heard: DigestHeard): string {
  return `${n(heard.tookPart)} of the ${n(heard.members)} members on the roster (${percent(heard.share)}) have responded or voted so far.`;
}

/** Names the under-heard groups plainly, or says there are none (and why there might be none to name). */
export function underHeardLine(heard: DigestHeard): string {
  const under = heard.groups.filter((g) => g.underHeard);
  if (under.length === 0)
    return heard.groups.length === 0
      ? 'The roster has no attributes to compare groups by.'
      : 'No group of 5 or more members is under-heard.';
  const names = under.map((g) => `${g.attribute} ${g.value} (${percent(g.share ?? 0)})`);
  return `Under-heard: ${names.join(', ')}, below three quarters of the roster's ${percent(heard.share)}.`;
}

export function heardCells(heard: DigestHeard, safe: (text: string) => string): TableCells {
  return {
    head: ['', 'Members', 'Took part', 'Share', ''],
    rows: heard.groups.map((g) => [
      safe(`${g.attribute}: ${g.value}`),
      n(g.members),
      n(g.tookPart),
      g.share === null ? '–' : percent(g.share),
      g.underHeard ? 'under-heard' : '',
    ]),
  };
}
