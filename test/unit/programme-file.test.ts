import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProgrammeFile, readProgrammeText } from '../../src/programme-files/read-programme-file.ts';

const shipped = path.resolve(import.meta.dirname, '..', '..', 'programmes');

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
