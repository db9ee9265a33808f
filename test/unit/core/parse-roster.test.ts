import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../../src/core/roster/parse-roster.ts';

const rows = (...cells: string[][]) => cells.map((c, i) => ({ line: i + 2, cells: c }));

describe('parseRoster', () => {
  it('turns rows into members with platform ids, a lower-cased e-mail and the named attributes', () => {
    const parsed = parseRoster(
      ['member', 'name', 'email', 'slack', 'discord', 'Region'],
      rows(['m1', 'Ana', 'Ana@Example.org', 'U1', '', 'North'], ['m2', '', '', '', 'discord:42', '']),
      ['region'],
    );
    expect(parsed).toEqual({
      ok: true,
      entries: [
        {
          memberKey: 'm1',
          displayName: 'Ana',
          email: 'ana@example.org',
          platformIds: ['slack:U1'],
          attributes: { region: 'North' },
        },
        { memberKey: 'm2', displayName: '', email: null, platformIds: ['discord:42'], attributes: { region: '' } },
      ],
    });
  });

  it('lists every bad row with its line and loads nothing', () => {
    const parsed = parseRoster(
      ['member', 'email', 'region'],
      rows(['m1', 'a@example.org', 'N'], ['', '', 'S'], ['m1', '', 'S'], ['m3', 'not-an-address', 'N'], ['m4', '']),
      ['region'],
    );
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { line: 3, message: 'missing member id' },
        { line: 4, message: 'duplicate member "m1" (first on line 2)' },
        { line: 5, message: 'bad e-mail "not-an-address" for member "m3"' },
        { line: 6, message: 'has 2 cells but the header has 3 columns' },
      ],
    });
  });

  it('names an unknown column, a missing member column and an attribute with no column', () => {
    const parsed = parseRoster(['name', 'phase'], rows(['Ana', 'primary']), ['role']);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '1: unknown column "phase": name it as an attribute (--attributes role,phase) or remove it',
      '1: there is no "member" column: every row needs a member id',
      '1: attribute "role" was named but the file has no such column',
    ]);
  });

  it('takes a Teams id as the Entra object id, lower-cased, and refuses anything else in that column', () => {
    const id = '8F3C2A1E-5B7D-4C9E-A0F1-2B3C4D5E6F70';
    const parsed = parseRoster(
      ['member', 'teams'],
      rows(['m1', id], ['m2', `teams:${id.toLowerCase()}`], ['m3', '']),
      [],
    );
    expect(parsed.ok && parsed.entries.map((e) => e.platformIds)).toEqual([
      [`teams:${id.toLowerCase()}`],
      [`teams:${id.toLowerCase()}`],
      [],
    ]);
    const refused = parseRoster(['member', 'teams'], rows(['m1', 'ana@school.example']), []);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems[0]?.message).toMatch(
      /^teams id "ana@school.example" for member "m1" is not a Microsoft Entra object id/,
    );
  });
});
