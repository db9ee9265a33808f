import { counted, percent, supportText } from './describe.ts';
import type { DigestPositions, DigestQuote } from './model.ts';

/**
 * A question's positions as a short outline of plain-text blocks, so the HTML and Markdown digests and the chat
 * command say the same things in the same order; each renderer escapes and lays the blocks out its own way.
 */
export type OpinionMap = NonNullable<DigestPositions['opinionGroups']>['map'];

export type PositionsBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'note'; text: string }
  /** A theme: its label and size. */
  | { kind: 'title'; text: string }
  /** A statement of a group or of common ground, a movement, a point of a written summary. */
  | { kind: 'point'; text: string }
  | { kind: 'quote'; quote: DigestQuote }
  | { kind: 'map'; map: OpinionMap; groups: string[] };

type Statement = NonNullable<DigestPositions['opinionGroups']>['consensus'][number];

const statementText = (s: Omit<Statement, 'isNew'>) =>
  `${s.direction === 'agree' ? 'Agree' : 'Disagree'}: "${s.text}" (${percent(s.share)} of ${counted(s.seen, 'voter', 'voters')})`;

/** ", 12 answers since" (votes, for opinion groups) when the positions come from a stored summary. */
function sinceText(p: DigestPositions): string {
  if (!p.since) return '';
  return p.source === 'opinion-groups'
    ? `, ${counted(p.since.votes, 'vote', 'votes')} since`
    : `, ${counted(p.since.responses, 'answer', 'answers')} since`;
}

/** `asOfLabel` writes when the summary was computed, in the reader's words for an instant. */
export function positionsOutline(p: DigestPositions, asOfLabel?: (at: Date) => string): PositionsBlock[] {
  const blocks: PositionsBlock[] = [{ kind: 'note', text: p.description }];
  if (p.asOf && asOfLabel)
    blocks.push({ kind: 'note', text: `Summary as of ${asOfLabel(new Date(p.asOf))}${sinceText(p)}.` });
  if (p.written) {
    blocks.push({ kind: 'heading', text: 'Summary written by a language model' });
    blocks.push({
      kind: 'note',
      text: `Written by ${p.written.method}; every quote below was checked against the record${p.written.dropped ? ` (${counted(p.written.dropped, 'quote', 'quotes')} that did not match were left out)` : ''}.`,
    });
    blocks.push({ kind: 'note', text: p.written.overview });
    for (const point of p.written.points) {
      blocks.push({ kind: 'point', text: point.text });
      for (const quote of point.quotes) blocks.push({ kind: 'quote', quote });
    }
  }
  if (p.items.length > 0 && p.source === 'themes') blocks.push({ kind: 'heading', text: 'Themes' });
  for (const item of p.items) {
    blocks.push({ kind: 'title', text: `${item.summary} (${supportText(item)}${item.isNew ? ', new' : ''})` });
    if (item.crossTab) {
      const rows = item.crossTab.rows
        .map((r) =>
          item.crossTab?.kind === 'likert'
            ? `${r.label} mean ${r.share === null ? '–' : r.share.toFixed(1)}`
            : `${r.label} ${percent(r.share)}`,
        )
        .join(', ');
      blocks.push({
        kind: 'note',
        text: `On "${item.crossTab.prompt}", ${counted(item.crossTab.answered, 'of them answered', 'of them answered')}: ${rows}.`,
      });
    }
    for (const quote of item.quotes) blocks.push({ kind: 'quote', quote });
  }
  if (p.other && p.other.people !== 0)
    blocks.push({
      kind: 'note',
      text: `Other: ${counted(p.other.people, 'person', 'people')} wrote answers in themes too small to show.`,
    });
  const groups = p.opinionGroups;
  if (groups?.status === 'not-enough-votes' && groups.message) blocks.push({ kind: 'note', text: groups.message });
  if (groups?.status === 'grouped') {
    blocks.push({ kind: 'map', map: groups.map, groups: groups.groups.map((g) => g.label) });
    if (groups.clarity) blocks.push({ kind: 'note', text: groups.clarity });
    for (const group of groups.groups) {
      blocks.push({ kind: 'heading', text: `${group.label} (${counted(group.size, 'person', 'people')})` });
      for (const s of group.representative) blocks.push({ kind: 'point', text: statementText(s) });
    }
    if (groups.consensus.length > 0) {
      blocks.push({ kind: 'heading', text: 'Common ground' });
      for (const s of groups.consensus)
        blocks.push({ kind: 'point', text: `${statementText(s)}${s.isNew ? ', new' : ''}` });
    }
  }
  if (p.movement && p.movement.length > 0) {
    blocks.push({ kind: 'heading', text: 'Since last week' });
    for (const line of p.movement) blocks.push({ kind: 'point', text: line });
  }
  return blocks;
}
