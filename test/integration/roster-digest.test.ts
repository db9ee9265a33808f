import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { renderHtml } from '../../src/core/digest/render-html.ts';
import { renderMarkdown } from '../../src/core/digest/render-markdown.ts';
import type { RosterEntry } from '../../src/core/ports/store.ts';
import type { ParticipantRecord } from '../../src/core/records.ts';
import { parseRoster } from '../../src/core/roster/parse-roster.ts';
import { heardAgainstRoster } from '../../src/core/roster/roster-participation.ts';
import { DIGEST_WEEK, digestFixture, QUIET_WEEK } from '../support/digest-fixture.ts';

const member = (key: string, region: string, platformIds: string[], email: string | null = null): RosterEntry => ({
  memberKey: key,
  displayName: key,
  email,
  platformIds,
  attributes: { region },
});

describe('who has been heard, against the membership roster', { timeout: 120_000 }, () => {
  let f: Awaited<ReturnType<typeof digestFixture>>;
  beforeAll(async () => {
    f = await digestFixture();
  }, 120_000);
  afterAll(async () => f?.close());

  it('counts members who took part per attribute value, suppresses small groups and names the under-heard', async () => {
    const before = await buildDigest(f.deps, f.programme.id, DIGEST_WEEK);
    expect(before.heard).toBeUndefined();
    expect(renderMarkdown(before)).not.toContain('Who has been heard');
    const north = ['U01', 'U02', 'U03', 'U05'].map((id, i) => member(`n${i}`, 'North', [`slack:${id}`]));
    const south = [member('s0', 'South', ['slack:U06'])];
    for (let i = 1; i < 5; i++) south.push(member(`s${i}`, 'South', [`slack:S${i}`]));
    const islands = [member('i0', 'Islands', ['slack:NOONE']), member('i1', 'Islands', [])];
    await f.store.roster.import(
      f.programme.id,
      [...north, member('n4', 'North', ['slack:NOBODY']), ...south, ...islands],
      f.clock.now(),
    );
    const model = await buildDigest(f.deps, f.programme.id, DIGEST_WEEK);
    expect(model.heard).toEqual({
      members: 12,
      tookPart: 5,
      share: 5 / 12,
      groups: [
        {
          attribute: 'region',
          value: 'Islands',
          members: 'fewer than 5',
          tookPart: 'fewer than 5',
          share: null,
          underHeard: false,
        },
        { attribute: 'region', value: 'North', members: 5, tookPart: 4, share: 0.8, underHeard: false },
        { attribute: 'region', value: 'South', members: 5, tookPart: 1, share: 0.2, underHeard: true },
      ],
    });
    const markdown = renderMarkdown(model);
    expect(markdown).toContain('## Who has been heard');
    expect(markdown).toContain('5 of the 12 members on the roster (42%) have responded or voted so far.');
    expect(markdown).toContain("Under-heard: region South \\(20%\\), below three quarters of the roster's 42%.");
    expect(markdown).toContain('| region: Islands | fewer than 5 | fewer than 5 | – |  |');
    expect(renderHtml(model)).toContain('<h2>Who has been heard</h2>');
    const quiet = await buildDigest(f.deps, f.programme.id, QUIET_WEEK);
    expect(quiet.quiet).toBe(true);
    expect(renderMarkdown(quiet)).toContain('## Who has been heard');
    expect(renderHtml(quiet)).toContain('<h2>Who has been heard</h2>');
  });

  it('matches a participant by e-mail, and leaves removed members out', () => {
    const web: ParticipantRecord = {
      id: 'p1',
      platform: 'web',
      platformUserId: 'Ana@Example.org',
      displayName: 'Ana',
      pseudonym: 'x',
      role: 'participant',
      remindersOff: false,
      createdAt: new Date(),
    };
    const at = new Date();
    const stored = (entry: RosterEntry, removedAt: Date | null = null) => ({
      ...entry,
      id: entry.memberKey,
      programmeId: 'p',
      importedAt: at,
      updatedAt: at,
      removedAt,
      history: [],
    });
    const heard = heardAgainstRoster(
      [
        stored(member('a', 'North', [], 'ana@example.org')),
        stored(member('b', 'North', []), at),
        stored(member('c', 'North', [])),
      ],
      [web],
    );
    expect(heard).toMatchObject({ members: 2, tookPart: 1, share: 0.5 });
    expect(heardAgainstRoster([stored(member('b', 'North', []), at)], [web])).toBeNull();
  });

  it("matches a Teams participant by the Entra object id in the roster's teams column", () => {
    const guid = '8f3c2a1e-5b7d-4c9e-a0f1-2b3c4d5e6f70';
    const parsed = parseRoster(
      ['member', 'email', 'teams', 'region'],
      [
        { line: 2, cells: ['a', 'ana@school.example', guid.toUpperCase(), 'North'] },
        { line: 3, cells: ['b', 'ben@school.example', '', 'North'] },
      ],
      ['region'],
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const at = new Date();
    const members = parsed.entries.map((entry) => ({
      ...entry,
      id: entry.memberKey,
      programmeId: 'p',
      importedAt: at,
      updatedAt: at,
      removedAt: null,
      history: [],
    }));
    const teams: ParticipantRecord = {
      id: 'p1',
      platform: 'teams',
      platformUserId: guid,
      displayName: 'Ana',
      pseudonym: 'x',
      role: 'participant',
      remindersOff: false,
      createdAt: at,
    };
    expect(heardAgainstRoster(members, [teams])).toMatchObject({ members: 2, tookPart: 1, share: 0.5 });
  });
});
