import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  csvRecord,
  escapeHtml,
  escapeMarkdown,
  markdownBlockQuote,
  neutraliseFormula,
  neutraliseMentions,
  safeChatText,
} from '../../../src/core/digest/format-escaping.ts';
import { validWeeks } from '../../../src/core/digest/weeks.ts';
import type { QuestionRecord } from '../../../src/core/records.ts';
import { FEWER_THAN_5, reportCount } from '../../../src/core/small-counts.ts';

const PINGS = [
  '@everyone',
  '@here',
  '@channel',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123|team>',
  '<@U0123ABC>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&987654321098765432>',
];

/** What Slack and Discord parse as a mention that notifies someone. */
const PARSED_AS_PING = /@(everyone|here|channel)\b|<[!@]/i;

describe('text leaving the store is made safe for where it goes', () => {
  it('no mention in chat output pings anyone, on any platform', () => {
    for (const ping of PINGS) {
      const text = `Hello ${ping} and welcome`;
      expect(neutraliseMentions(text)).not.toMatch(PARSED_AS_PING);
      expect(safeChatText(text)).not.toMatch(PARSED_AS_PING);
    }
    expect(neutraliseMentions('mail me at ada@example.org')).toBe('mail me at ada@example.org');
  });

  it('keeps the words of a mention readable, and leaves other text alone', () => {
    expect(safeChatText('ask <@U0123|ada> and a < b & c')).toBe('ask @\u200bada and a < b & c');
    expect(safeChatText('to everyone here')).toBe('to everyone here');
  });

  it('escapes HTML, attributes included', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('escapes Markdown that would change meaning, and keeps the words', () => {
    const text = '*bold* _it_ `code` [link](http://x) <b>html</b> | pipe ~strike~ #tag !img \\ &copy;';
    const escaped = escapeMarkdown(text);
    expect(escaped).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\]\\(http://x\\) \\<b\\>html\\</b\\> \\| pipe \\~strike\\~ \\#tag \\!img \\\\ \\&copy;',
    );
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('line one\nline two')).toBe('line one line two');
    expect(markdownBlockQuote('one\n\n# two')).toBe('> one\n>\n> \\# two');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutraliseFormula(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(neutraliseFormula('Fine text')).toBe('Fine text');
  });

  it('writes RFC 4180 records that read back exactly (numbers stay numbers)', () => {
    const record = csvRecord(['plain', 'with, comma', 'with "quotes"', 'two\r\nlines', -1, 0, null, true, '=1+1']);
    expect(record.endsWith('\r\n')).toBe(true);
    expect(parse(record)).toEqual([
      ['plain', 'with, comma', 'with "quotes"', 'two\r\nlines', '-1', '0', '', 'true', "'=1+1"],
    ]);
  });
});

describe('digest helpers', () => {
  it('reports small counts of anonymous questions as "fewer than 5"', () => {
    expect(reportCount(4, true)).toBe(FEWER_THAN_5);
    expect(reportCount(0, true)).toBe(FEWER_THAN_5);
    expect(reportCount(5, true)).toBe(5);
    expect(reportCount(1, false)).toBe(1);
  });

  it('lists the weeks from the first opening to now', () => {
    const opened = { openedAt: new Date('2026-11-25T09:00:00Z'), opensAt: null } as QuestionRecord;
    expect(validWeeks([opened], new Date('2026-12-10T00:00:00Z'))).toEqual(['2026-W48', '2026-W49', '2026-W50']);
    expect(validWeeks([], new Date('2026-12-10T00:00:00Z'))).toEqual(['2026-W50']);
  });
});
