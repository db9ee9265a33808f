import { describe, expect, it } from 'vitest';
import { barChart, labelLines, stackedChart } from '../../../../adapters/web/outbound/charts.ts';
import { textOf } from '../../../support/web-driver.ts';

/** The dashboard's charts tell options apart: labels wrap, keep their end, and are given whole on hover and in a table. */

const SIMILAR = 'More time set aside in the school week for teachers to plan lessons together with';
const department = `${SIMILAR} colleagues in their department`;
const schools = `${SIMILAR} colleagues in other schools`;

describe('chart labels', () => {
  it('show two options that differ only at their end differently', () => {
    const a = labelLines(department);
    const b = labelLines(schools);
    expect(a.join(' ')).not.toBe(b.join(' '));
    expect(a).toHaveLength(2);
    expect(a.at(-1)).toMatch(/department$/);
    expect(b.at(-1)).toMatch(/other schools$/);
    for (const line of [...a, ...b]) expect([...line].length).toBeLessThanOrEqual(26);
    expect(labelLines('Pay')).toEqual(['Pay']);
  });

  it('give every full label in the row title and in a table under the chart', () => {
    const bars = barChart('c1', 'Votes per option', [
      { label: department, count: 3 },
      { label: schools, count: 2 },
    ]);
    expect(bars.value).toContain(`<title>${department}: 3</title>`);
    expect(bars.value).toContain(`<title>${schools}: 2</title>`);
    const table = /<table>[\s\S]*<\/table>/.exec(bars.value)?.[0] ?? '';
    expect(textOf(table)).toContain(`${department} 3`);
    expect(textOf(table)).toContain(`${schools} 2`);

    const stacked = stackedChart(
      'c2',
      'Ratings',
      ['Poor', 'Good'],
      [
        {
          label: department,
          parts: [
            { name: 'Poor', count: 1 },
            { name: 'Good', count: 4 },
          ],
        },
      ],
    );
    expect(stacked.value).toContain(`<title>${department}</title>`);
    expect(textOf(/<table>[\s\S]*<\/table>/.exec(stacked.value)?.[0] ?? '')).toContain(`${department} 1 4`);
  });
});
