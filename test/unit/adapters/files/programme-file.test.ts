import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatProblem,
  PROGRAMME_FILE_MAX_BYTES,
  readProgrammeFile,
  readProgrammeText,
} from '../../../../adapters/files/read-programme-file.ts';

const shipped = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'programmes');

const broken = `slug: Bad Slug
title: Example
timezone: Europe/Lundon
channels:
  staffroom: Staff
digest:
  cron: "every monday"
sections:
  - id: one
    title: One
    questions:
      - id: q1
        kind: opne
        prompt: What do you think?
      - id: q1
        kind: open
        prompt: duplicate id
        opens: 2026-12-10 09:00
        closes: 2026-12-01 17:00
        channels: [nowhere]
      - id: q3
        kind: single_choice
        prompt: Pick
        options: [Only one]
`;

describe('programme files', () => {
  it.each(readdirSync(shipped).filter((f) => f.endsWith('.yaml')))(
    'the shipped programme %s is valid',
    async (file) => {
      const result = await readProgrammeFile(path.join(shipped, file));
      expect(result.ok ? [] : result.problems).toEqual([]);
    },
  );

  it('lists every problem of a broken file at once, each with line, column and field', () => {
    const result = readProgrammeText(broken, 'broken.yaml');
    if (result.ok) throw new Error('should fail');
    const found = result.problems.map((p) => `${p.line}:${p.column} ${p.field}`);
    expect(found).toEqual([
      '1:7 slug',
      '3:11 timezone',
      '7:9 digest.cron',
      '13:15 sections[0].questions[0].kind',
      '15:13 sections[0].questions[1].id',
      '19:17 sections[0].questions[1].closes',
      '20:20 sections[0].questions[1].channels[0]',
      '24:18 sections[0].questions[2].options',
    ]);
    expect(result.problems.every((p) => p.file === 'broken.yaml' && p.message.length > 10)).toBe(true);
  });

  it('checks that cross_tab belongs to an open question and names a choice or Likert question', () => {
    const result = readProgrammeText(
      `slug: cross
title: Cross-tabs
channels:
  staffroom: Staff
sections:
  - id: one
    title: One
    questions:
      - id: rate
        kind: likert
        prompt: Rate
        cross_tab: words
      - id: words
        kind: open
        prompt: Why?
        cross_tab: missing
      - id: more
        kind: open
        prompt: And?
        cross_tab: words
      - id: fine
        kind: open
        prompt: Fine
        cross_tab: rate
`,
      'cross.yaml',
    );
    if (result.ok) throw new Error('should fail');
    expect(result.problems.map((p) => `${p.line} ${p.field}: ${p.message}`)).toEqual([
      '12 sections[0].questions[0].cross_tab: cross_tab is for open questions',
      '16 sections[0].questions[1].cross_tab: "missing" is not a question of this programme',
      '20 sections[0].questions[2].cross_tab: "words" is not a choice or Likert question',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const result = readProgrammeText('slug: x\ntitle: [unclosed\n', 'syntax.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.line).toBeGreaterThan(0);
  });

  it('names a missing file plainly', async () => {
    const result = await readProgrammeFile('no/such/file.yaml');
    expect(!result.ok && result.problems[0]?.message).toBe('no such file');
  });

  it('resolves local times in the programme time zone, across summer time', () => {
    const text = broken
      .replace('Bad Slug', 'ok')
      .replace('Europe/Lundon', 'Europe/London')
      .replace('every monday', '0 8 * * 1');
    const fixed = text
      .replace('kind: opne', 'kind: open')
      .replace(
        '- id: q1\n        kind: open\n        prompt: duplicate id',
        '- id: q2\n        kind: open\n        prompt: fine',
      )
      .replace('closes: 2026-12-01 17:00', 'closes: 2027-06-01 17:00')
      .replace('channels: [nowhere]', 'channels: [staffroom]')
      .replace('options: [Only one]', 'options: [One, Two]');
    const result = readProgrammeText(fixed, 'ok.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const q2 = result.programme.questions[1];
    expect(q2?.opensAt?.toISOString()).toBe('2026-12-10T09:00:00.000Z');
    expect(q2?.closesAt?.toISOString()).toBe('2027-06-01T16:00:00.000Z');
  });
});

/** A small valid programme whose first question's times are given. */
function withTimes(times: { opens?: string; closes?: string; reminders?: string[] }, timezone = 'Europe/London') {
  const lines = [
    'slug: times',
    'title: Times',
    `timezone: ${timezone}`,
    'channels:',
    '  staffroom: Staff',
    'sections:',
    '  - id: one',
    '    title: One',
    '    questions:',
    '      - id: q1',
    '        kind: open',
    '        prompt: What do you think?',
  ];
  if (times.opens) lines.push(`        opens: "${times.opens}"`);
  if (times.closes) lines.push(`        closes: "${times.closes}"`);
  if (times.reminders) lines.push(`        reminders: [${times.reminders.map((r) => `"${r}"`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

function problemsOf(source: string): string[] {
  const result = readProgrammeText(source, 'times.yaml');
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);
}

describe('programme dates are real calendar dates', () => {
  it('refuses a month 13, an hour 25 and a minute 61 instead of rolling them into 2028', () => {
    expect(problemsOf(withTimes({ opens: '2027-12-01 09:00', closes: '2027-13-01 25:61' }))).toEqual([
      '14:17 sections[0].questions[0].closes: "2027-13-01 25:61": there is no month 13',
    ]);
    expect(problemsOf(withTimes({ closes: '2027-12-01 25:00' }))).toEqual([
      '13:17 sections[0].questions[0].closes: "2027-12-01 25:00": hours run from 00 to 23, not 25',
    ]);
    expect(problemsOf(withTimes({ closes: '2027-12-01 09:61' }))).toEqual([
      '13:17 sections[0].questions[0].closes: "2027-12-01 09:61": minutes run from 00 to 59, not 61',
    ]);
  });

  it('refuses 30 February instead of reading it as 2 March, and accepts 29 February in a leap year', () => {
    expect(problemsOf(withTimes({ opens: '2027-02-30 09:00' }))).toEqual([
      '13:16 sections[0].questions[0].opens: "2027-02-30 09:00": February 2027 has days 1 to 28, not 30',
    ]);
    expect(problemsOf(withTimes({ opens: '2028-02-29 09:00' }))).toEqual([]);
  });

  it("reports a time the zone's clocks skip or repeat, naming the zone", () => {
    expect(problemsOf(withTimes({ opens: '2027-03-28 01:30' }))).toEqual([
      '13:16 sections[0].questions[0].opens: "2027-03-28 01:30" does not exist in Europe/London: the clocks go forward an hour that night; choose a time outside the change',
    ]);
    expect(problemsOf(withTimes({ opens: '2027-10-31 01:30' }))).toEqual([
      '13:16 sections[0].questions[0].opens: "2027-10-31 01:30" happens twice in Europe/London: the clocks go back that night (01:30 BST, then 01:30 GMT); choose a time outside the change',
    ]);
    expect(problemsOf(withTimes({ opens: '2027-03-14 02:30' }, 'America/New_York'))).toEqual([
      '13:16 sections[0].questions[0].opens: "2027-03-14 02:30" does not exist in America/New_York: the clocks go forward an hour that night; choose a time outside the change',
    ]);
  });

  it('checks reminders the same way', () => {
    const source = withTimes({
      opens: '2027-02-01 09:00',
      closes: '2027-03-10 17:00',
      reminders: ['2027-02-29 09:00'],
    });
    expect(problemsOf(source)).toEqual([
      '15:21 sections[0].questions[0].reminders[0]: "2027-02-29 09:00": February 2027 has days 1 to 28, not 29',
    ]);
  });
});

const aliasBomb = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
`;

describe('programme files that cannot hurt', () => {
  it('answers a YAML alias bomb with a located problem, never an exception', () => {
    const result = readProgrammeText(aliasBomb, 'bomb.yaml');
    if (result.ok) throw new Error('should fail');
    expect(result.problems).toEqual([
      {
        file: 'bomb.yaml',
        line: 2,
        column: 8,
        field: '(YAML aliases)',
        message:
          "the file's aliases (*name) expand to more than 100 copies of their anchors (&name); write the repeated parts out instead",
      },
    ]);
  });

  it('still accepts an anchor shared a few times', () => {
    const source = withTimes({}).replace(
      '      - id: q1\n        kind: open',
      '      - id: q0\n        kind: single_choice\n        prompt: Pick\n        options: &yes-no [Yes, No]\n      - id: q00\n        kind: single_choice\n        prompt: Pick again\n        options: *yes-no\n      - id: q1\n        kind: open',
    );
    expect(problemsOf(source)).toEqual([]);
  });

  it('refuses a file larger than the limit without parsing it', () => {
    const huge = `slug: big\n# ${'x'.repeat(PROGRAMME_FILE_MAX_BYTES)}\n`;
    expect(problemsOf(huge)).toEqual([
      `1:1 (file): the file is ${Buffer.byteLength(huge).toLocaleString('en-GB')} bytes; at most 1,048,576 are read`,
    ]);
  });

  it('locates a YAML syntax error as file:line:column', () => {
    const result = readProgrammeText('slug: x\ntitle: [unclosed\n', 'syntax.yaml');
    if (result.ok) throw new Error('should fail');
    expect(result.problems.map(formatProblem)[0]).toMatch(/^syntax\.yaml:\d+:\d+ {2}\(YAML syntax\): /);
  });
});
