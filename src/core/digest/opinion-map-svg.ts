import { plural } from '../wording.ts';
import { escapeHtml as h } from './format-escaping.ts';
import type { OpinionMap } from './positions-outline.ts';

/** Colour-blind-safe (Okabe–Ito) colours for up to six groups; people not yet placed are grey. */
const GROUP_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9'];
const UNPLACED = '#9aa3b2';
const SIZE = 320;
const PAD = 16;

/**
 * The opinion map as an inline SVG scatter: one dot per voter on the two main axes, coloured by group. `yours`, for
 * a map shown to one person only, is the index of their own dot, drawn larger, outlined and labelled "You".
 */
export function opinionMapSvg(map: OpinionMap, groups: readonly string[], yours: number | null = null): string {
  const xs = map.map((p) => p.x);
  const ys = map.map((p) => p.y);
  const span = (values: number[]) => {
    const low = Math.min(...values, 0);
    const high = Math.max(...values, 0);
    return { low, range: high - low || 1 };
  };
  const sx = span(xs);
  const sy = span(ys);
  const at = (value: number, s: { low: number; range: number }) => PAD + ((value - s.low) / s.range) * (SIZE - 2 * PAD);
  const dots = map
    .map((p) => {
      const fill = p.group === null ? UNPLACED : (GROUP_COLOURS[p.group % GROUP_COLOURS.length] as string);
      return `<circle cx="${at(p.x, sx).toFixed(1)}" cy="${(SIZE - at(p.y, sy)).toFixed(1)}" r="4" fill="${fill}" fill-opacity="0.75"/>`;
    })
    .join('');
  const own = yours === null ? undefined : map[yours];
  const you = own
    ? `<g class="you"><circle cx="${at(own.x, sx).toFixed(1)}" cy="${(SIZE - at(own.y, sy)).toFixed(1)}" r="7" fill="${own.group === null ? UNPLACED : GROUP_COLOURS[own.group % GROUP_COLOURS.length]}" stroke="#000" stroke-width="2"/><text x="${(at(own.x, sx) + 10).toFixed(1)}" y="${(SIZE - at(own.y, sy) + 4).toFixed(1)}" font-weight="bold">You</text></g>`
    : '';
  const legend = groups
    .map(
      (label, i) =>
        `<rect x="${SIZE + 12}" y="${PAD + i * 20}" width="12" height="12" fill="${GROUP_COLOURS[i % GROUP_COLOURS.length]}"/><text x="${SIZE + 30}" y="${PAD + i * 20 + 11}">${h(label)}</text>`,
    )
    .join('');
  const title = `Opinion map: ${plural(map.length, 'voter')} in ${plural(groups.length, 'group')}${own ? '; your dot is marked "You"' : ''}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(title)}" viewBox="0 0 ${SIZE + 120} ${SIZE}" width="${SIZE + 120}" height="${SIZE}"><title>${h(title)}</title><rect x="0.5" y="0.5" width="${SIZE - 1}" height="${SIZE - 1}" fill="none" stroke="#d9dee8"/>${dots}${you}${legend}</svg>`;
}
