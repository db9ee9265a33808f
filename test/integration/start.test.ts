import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../support/databases.ts';
import { repoRoot, runAgoraCli, startAgora } from '../support/run-agora.ts';

const aliasBomb = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
`;

// Each case starts real processes; on a busy 2-core machine that takes a while.
describe('npm start and the agora CLI on a fresh database', { timeout: 180_000 }, () => {
  const database = sqliteDatabase();
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('creates and migrates SQLite, loads the shipped programmes and answers /healthz', async () => {
    const { child, port, logs } = await startAgora({ DATABASE_URL: database.url });
    stop = () => child.kill('SIGTERM');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).headers.get('content-type')).toContain('text/plain');
    const text = logs.join('');
    for (const slug of ['ascl-blueprint', 'great-education-debate', 'htrt2016'])
      expect(text).toContain(`"slug":"${slug}"`);
    expect(text).toContain('Slack is not connected');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const listed = await runAgoraCli(['programme', 'list', '--json'], { DATABASE_URL: database.url });
    expect(JSON.parse(listed.output).map((p: { slug: string }) => p.slug)).toEqual([
      'ascl-blueprint',
      'great-education-debate',
      'htrt2016',
    ]);
  });

  it('refuses to start on malformed configuration, naming the variable', async () => {
    await expect(startAgora({ DATABASE_URL: 'mysql://nope', PORT: 'eighty' })).rejects.toMatchObject({ code: 2 });
    const error = await startAgora({ DATABASE_URL: 'mysql://nope' }).catch((e) => e);
    expect(error.logs.join('')).toContain('DATABASE_URL: must be file:./data/agora.db');
  });

  it('names an unreachable database with its password masked and exits non-zero', async () => {
    const error = await startAgora({ DATABASE_URL: 'postgres://agora:s3cret@127.0.0.1:1/agora' }).catch((e) => e);
    expect(error.code).toBe(1);
    const text = error.logs.join('');
    expect(text).toContain('DATABASE_UNREACHABLE');
    expect(text).toContain('postgres://agora:****@127.0.0.1:1/agora');
    expect(text).not.toContain('s3cret');
  });

  it('validates programmes from the CLI with exit codes scripts can rely on', async () => {
    const ok = await runAgoraCli(['programme', 'validate', 'programmes/ascl-blueprint.yaml'], {});
    expect(ok.code).toBe(0);
    const usage = await runAgoraCli(['programme', 'nonsense'], {});
    expect(usage.code).toBe(2);
  });

  it('reports and skips a bad programme file in PROGRAMMES_DIR, loading the others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agora-programmes-'));
    writeFileSync(path.join(dir, 'a-bomb.yaml'), aliasBomb);
    copyFileSync(path.join(repoRoot, 'programmes', 'htrt2016.yaml'), path.join(dir, 'htrt2016.yaml'));
    const { child, port, logs } = await startAgora({ DATABASE_URL: database.url, PROGRAMMES_DIR: dir });
    stop = () => child.kill('SIGTERM');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const text = logs.join('');
    expect(text).toContain('a-bomb.yaml:2:8  (YAML aliases)');
    expect(text).toContain('"slug":"htrt2016"');
  });

  it('answers an alias bomb from `agora programme validate` with a located problem, not a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agora-programmes-'));
    writeFileSync(path.join(dir, 'bomb.yaml'), aliasBomb);
    const result = await runAgoraCli(['programme', 'validate', path.join(dir, 'bomb.yaml')], {});
    expect(result.code).toBe(1);
    expect(result.output).toContain('bomb.yaml:2:8  (YAML aliases): ');
    expect(result.output).not.toMatch(/\n\s+at /);
  });
});
