import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { readRosterFile } from '../../../../adapters/files/read-roster-file.ts';

it('reads a roster CSV into rows numbered by the line each starts on, blank lines and a BOM ignored', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'agora-roster-file-')), 'roster.csv');
  writeFileSync(file, '\uFEFFmember,name\r\nm1,"Ana\r\nDíaz"\r\n\r\nm2,Ben\r\n');
  expect(await readRosterFile(file)).toEqual({
    ok: true,
    header: ['member', 'name'],
    headerLine: 1,
    rows: [
      { line: 2, cells: ['m1', 'Ana\nDíaz'] },
      { line: 5, cells: ['m2', 'Ben'] },
    ],
  });
  writeFileSync(file, 'member,name\nm1,"unclosed\n');
  const broken = await readRosterFile(file);
  expect(broken.ok).toBe(false);
});
