import { afterEach, describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../support/databases.ts';
import { runAgoraCli, startAgora } from '../support/run-agora.ts';

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
});
