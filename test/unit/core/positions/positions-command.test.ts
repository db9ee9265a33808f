import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerPositionsCommand } from '../../../../src/app/cli/positions-command.ts';

// The smallest Pol.is open-data conversation (339 voters, 54 comments), kept as a fixture.
const seattle = path.resolve(import.meta.dirname, '../../../fixtures/polis/15-per-hour-seattle');

async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => out.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => err.push(text));
  const program = new Command('agora').exitOverride();
  registerPositionsCommand(program);
  process.exitCode = 0;
  await program.parseAsync(['node', 'agora', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join('\n'), err: err.join('\n'), code };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('agora positions polis', () => {
  it('prints one JSON object with every voter, the groups and the consensus', async () => {
    const { out, code } = await run('positions', 'polis', seattle, '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(Object.keys(result.participants)).toHaveLength(339);
    expect(result.k).toBe(2);
    expect(result.groups).toHaveLength(2);
    for (const group of result.groups) {
      expect(group).toMatchObject({ id: expect.any(Number), members: expect.any(Array) });
      for (const member of group.members) expect(result.participants[member]).toBe(group.id);
      expect(group.representative.length).toBeGreaterThan(0);
      for (const r of group.representative) {
        expect(r).toMatchObject({
          commentId: expect.any(String),
          direction: expect.stringMatching(/^(agree|disagree)$/),
        });
      }
    }
    const placed = Object.values(result.participants).filter((g) => g !== null);
    expect(placed).toHaveLength(result.groups[0].members.length + result.groups[1].members.length);
    expect(result.consensus.every((c: { commentId: string }) => typeof c.commentId === 'string')).toBe(true);
  });

  it('prints the groups as text by default', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'polis-export-'));
    const statements = ['Trams', 'Buses', 'Bikes', 'Cars', 'Trains', 'Ferries', 'Walking', 'Scooters'];
    writeFileSync(
      path.join(folder, 'comments.csv'),
      ['comment-id,moderated,comment-body', ...statements.map((text, id) => `${id},1,More ${text}`)].join('\n'),
    );
    const votes = ['timestamp,comment-id,voter-id,vote'];
    for (let person = 0; person < 20; person++) {
      statements.forEach((_, id) => {
        const agrees = id < 4 === (person % 2 === 0);
        votes.push(`${person * 100 + id},${id},${person},${agrees ? 1 : -1}`);
      });
    }
    writeFileSync(path.join(folder, 'votes.csv'), votes.join('\n'));
    const { out, code } = await run('positions', 'polis', folder);
    expect(code).toBe(0);
    expect(out).toContain('2 opinion groups among 20 placed participants');
    expect(out).toContain('Group A (id 0): 10 people');
    expect(out).toMatch(/100% of 10 agree +\S+ the others {2}"More Trams" \(comment 0\)/);
    expect(out).toContain('Consensus');
  });

  it('exits with 2 and a clear message for a missing folder', async () => {
    const { err, code } = await run('positions', 'polis', '/no/such/folder', '--json');
    expect(code).toBe(2);
    expect(err).toContain('/no/such/folder: no such folder');
  });
});
