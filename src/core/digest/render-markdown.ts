import { zonedLabel } from '../chat-text.ts';
import { RANKED_SCORING_RULE } from '../consultation/ranked-scoring.ts';
import { plural } from '../wording.ts';
import {
  activityLine,
  attribution,
  counted,
  participationLine,
  questionMeta,
  quietLine,
  quoteDate,
  repliesNote,
  responseLine,
  soFarLine,
  weekSpan,
} from './describe.ts';
import { escapeMarkdown, markdownBlockQuote } from './format-escaping.ts';
import { HEARD_HEADING, heardCells, heardLine, underHeardLine } from './heard.ts';
import type { DigestModel, DigestPositions, DigestQuestion, DigestQuote, PollResults } from './model.ts';
import { type PositionsBlock, positionsOutline } from './positions-outline.ts';
import { participationCells, resultCells, type TableCells } from './tables.ts';

/** The digest as Markdown: every text from the store escaped, tables for numbers, quotes as block quotes. */

const e = escapeMarkdown;

function table({ head, rows }: TableCells): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function link(text: string, url: string | null): string {
  return url ? `[${e(text)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : e(text);
}

function quote(q: DigestQuote): string {
  const who = q.author ? e(q.author) : 'Anonymous';
  const replies = repliesNote(q.replies);
  const source = q.link ? ` · ${link('source', q.link)}` : '';
  const fresh = q.isNew ? ' · new' : '';
  return `${markdownBlockQuote(q.text)}\n>\n> — ${who}, ${quoteDate(q)}${replies}${source}${fresh}`;
}

function results(r: PollResults): string {
  const cells = table(resultCells(r, e, '(awaiting approval)'));
  switch (r.type) {
    case 'choice':
      return `${counted(r.voters, 'voter', 'voters')}${r.multiple ? ' (several choices each)' : ''}.\n\n${cells}`;
    case 'ranked':
      return `${counted(r.voters, 'voter', 'voters')}. ${RANKED_SCORING_RULE}\n\n${cells}`;
    case 'likert':
      return cells;
    case 'statements':
      return `${counted(r.voters, 'voter', 'voters')}.\n\n${cells}`;
  }
}

function positionsBlock(block: PositionsBlock): string {
  switch (block.kind) {
    case 'heading':
      return `#### ${e(block.text)}`;
    case 'note':
      return `_${e(block.text)}_`;
    case 'title':
      return `**${e(block.text)}**`;
    case 'point':
      return `- ${e(block.text)}`;
    case 'quote':
      return quote(block.quote);
    case 'map':
      return `_The opinion map (${plural(block.map.length, 'voter')}) is in the HTML digest._`;
  }
}

function positions(p: DigestPositions, timeZone: string): string[] {
  return positionsOutline(p, (at) => zonedLabel(at, timeZone)).map(positionsBlock);
}

function question(q: DigestQuestion, timeZone: string): string {
  const parts = [`### ${e(q.section ? `${q.section}: ${q.prompt}` : q.prompt)}`, `_${e(questionMeta(q))}_`];
  parts.push(
    table(participationCells(q.participation.overall, [q.participation.byPlatform, q.participation.byChannel], e)),
  );
  const responses = responseLine(q);
  if (responses) parts.push(e(responses));
  if (q.results) parts.push(results(q.results));
  if (q.positions) parts.push('**Positions**', ...positions(q.positions, timeZone));
  if (q.quotes.length > 0) parts.push('**From this week**', q.quotes.map(quote).join('\n\n'));
  return parts.join('\n\n');
}

function heardSection(model: DigestModel): string[] {
  if (!model.heard) return [];
  return [
    `## ${HEARD_HEADING}`,
    `${heardLine(model.heard)} **${e(underHeardLine(model.heard))}**`,
    ...(model.heard.groups.length ? [table(heardCells(model.heard, e))] : []),
  ];
}

export function renderMarkdown(model: DigestModel): string {
  const head = [
    `# ${e(model.programme.title)}: weekly digest, ${model.week.label}`,
    `${model.programme.organisation ? `${e(model.programme.organisation)} · ` : ''}${weekSpan(model)} (UTC) · generated ${e(model.generatedAt.slice(0, 16).replace('T', ' '))} UTC${
      model.previousDigest ? ` · previous digest ${model.previousDigest.week}` : ''
    }`,
  ];
  if (model.quiet) {
    const lines = model.questions.map((q) => `- ${e(q.prompt)}: ${soFarLine(q)}`);
    return `${[...head, `**${quietLine(model)}**`, participationLine(model), lines.join('\n'), ...heardSection(model), `_${attribution(model)}_`].join('\n\n')}\n`;
  }
  const glance = [
    '## At a glance',
    `${participationLine(model)} ${activityLine(model)}`,
    table(participationCells(model.participation.overall, [model.participation.byPlatform], e)),
  ];
  const heard = heardSection(model);
  const sections = ['## Questions', ...model.questions.map((q) => question(q, model.programme.timezone))];
  return `${[...head, ...glance, ...heard, ...sections, `_${attribution(model)}_`].join('\n\n')}\n`;
}
