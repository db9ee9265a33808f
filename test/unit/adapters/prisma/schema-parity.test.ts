import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** SQLite and PostgreSQL schemas must declare the same models; only their datasource and output differ. */
const prisma = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'prisma');
const models = (provider: string) =>
  readFileSync(path.join(prisma, provider, 'schema.prisma'), 'utf8')
    .split(/\n(?=model )/)
    .slice(1)
    .join('\n')
    .trim();

describe('schema parity', () => {
  it('keeps the SQLite and PostgreSQL models identical', () => {
    expect(models('postgres')).toBe(models('sqlite'));
    expect(models('sqlite')).toContain('model Response');
  });

  it('has the same migrations on both providers', () => {
    const names = (provider: string) =>
      readdirSync(path.join(prisma, provider, 'migrations'), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name);
    expect(names('postgres')).toEqual(names('sqlite'));
    expect(names('sqlite').length).toBeGreaterThan(0);
  });
});
