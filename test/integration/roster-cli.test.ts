import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../support/databases.ts';
import { runAgoraCli } from '../support/run-agora.ts';

// Each step starts the real CLI; on a busy 2-core machine that takes a while.
describe('agora roster import and show', { timeout: 180_000 }, () => {
  const database = sqliteDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), 'agora-roster-'));
  const env = { DATABASE_URL: database.url };
  const file = (name: string, text: string) => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };
  afterAll(() => database.drop());

  it('lists every bad row with its line and loads nothing, then loads, shows and re-imports a roster', async () => {
    expect((await runAgoraCli(['programme', 'load', 'programmes/htrt2016.yaml'], env)).code).toBe(0);
    const bad = file(
      'bad.csv',
      'member,name,email,slack,region,shoe\nm1,Ana,ana@example.org,U1,North,5\nm1,Bea,,U2,South,6\n,Cy,,,North,7\nm4,Di,di@,,North,8\n',
    );
    const refused = await runAgoraCli(['roster', 'import', 'htrt2016', bad, '--attributes', 'region'], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('not loaded, 4 problem(s)');
    expect(refused.output).toContain(`${bad}:1: unknown column "shoe"`);
    expect(refused.output).toContain(`${bad}:3: duplicate member "m1" (first on line 2)`);
    expect(refused.output).toContain(`${bad}:4: missing member id`);
    expect(refused.output).toContain(`${bad}:5: bad e-mail "di@"`);
    expect((await runAgoraCli(['roster', 'show', 'htrt2016'], env)).output).toContain('No roster for htrt2016');

    const good = file(
      'good.csv',
      'member,name,email,slack,discord,region,role\nm1,Ana,ana@example.org,U1,,North,head\nm2,Bea,,U2,,South,deputy\nm3,Cy,,,"42",North,head\n',
    );
    const loaded = await runAgoraCli(['roster', 'import', 'htrt2016', good, '--attributes', 'region,role'], env);
    expect(loaded.code).toBe(0);
    expect(loaded.output).toContain('roster of 3 members loaded');
    expect(loaded.output).toContain('3 added, 0 updated, 0 unchanged, 0 removed');

    const again = file(
      'again.csv',
      'member,name,email,slack,discord,region,role\nm1,Ana,ana@example.org,U1,,East,head\nm3,Cy,,,42,North,head\n',
    );
    const updated = await runAgoraCli(['roster', 'import', 'htrt2016', again, '--attributes', 'region,role'], env);
    expect(updated.output).toContain('0 added, 1 updated, 1 unchanged, 1 removed');
    const shown = await runAgoraCli(['roster', 'show', 'htrt2016', '--json'], env);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.output)).toEqual({
      members: 2,
      removed: 1,
      withPlatformId: 2,
      withEmail: 1,
      attributes: [
        {
          name: 'region',
          values: [
            { value: 'East', members: 1 },
            { value: 'North', members: 1 },
          ],
        },
        { name: 'role', values: [{ value: 'head', members: 2 }] },
      ],
    });
    const text = await runAgoraCli(['roster', 'show', 'htrt2016'], env);
    expect(text.output).toMatch(/htrt2016: 2 members \(1 removed\)/);
    expect(text.output).toMatch(/head\s+2/);
  });
});
