import { formatMean, n, PARTICIPATION_COLUMNS, percent } from './describe.ts';
import type { Breakdown, Participation, PollResults } from './model.ts';

/**
 * The digest's tables as cells, for every format that draws tables (HTML, Markdown): each renderer escapes text
 * its own way (`safe`), marks a statement awaiting approval its own way (`pending`), and lays the cells out.
 */
export interface TableCells {
  head: string[];
  rows: string[][];
}

export function participationCells(
  overall: Participation,
  groups: Breakdown[][],
  safe: (text: string) => string,
): TableCells {
  const row = (label: string, p: Participation) => [
    safe(label),
    n(p.people),
    n(p.active),
    n(p.new),
    n(p.returning),
    p.nonRespondents === null ? '–' : n(p.nonRespondents),
  ];
  const rows = [row('Everyone', overall)];
  for (const group of groups) for (const b of group) rows.push(row(b.label, b.counts));
  return { head: ['', ...PARTICIPATION_COLUMNS], rows };
}

export function resultCells(r: PollResults, safe: (text: string) => string, pending: string): TableCells {
  switch (r.type) {
    case 'choice':
      return {
        head: ['Option', 'Votes', 'Share'],
        rows: r.options.map((o) => [safe(o.label), n(o.votes), percent(o.share)]),
      };
    case 'ranked':
      return {
        head: ['Option', 'First preferences', 'Share', 'Borda points', 'Borda rank'],
        rows: r.options.map((o) => [
          safe(o.label),
          n(o.firstPreferences),
          percent(o.firstShare),
          o.bordaPoints === null ? '–' : String(o.bordaPoints),
          o.bordaRank === null ? '–' : String(o.bordaRank),
        ]),
      };
    case 'likert':
      return {
        head: ['Item', 'Answers', ...r.scale.map(safe), 'Mean'],
        rows: r.items.map((i) => [safe(i.label), n(i.responses), ...i.distribution.map(n), formatMean(i.mean)]),
      };
    case 'statements':
      return {
        head: ['Statement', 'Votes', 'Agree', 'Disagree', 'Pass', 'Agree share'],
        rows: r.statements.map((s) => [
          `${safe(s.label)}${s.status === 'pending' ? ` ${pending}` : ''}`,
          n(s.votes),
          n(s.agree),
          n(s.disagree),
          n(s.pass),
          percent(s.agreeShare),
        ]),
      };
  }
}
