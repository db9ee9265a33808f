import path from 'node:path';
import { AgoraError } from '../../src/core/errors.ts';

export type DatabaseTarget =
  | { provider: 'sqlite'; file: string; url: string }
  | { provider: 'postgres'; connectionString: string; schema: string; url: string };

/** `file:./data/agora.db` or `postgres://user:pass@host:5432/db?schema=name`. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const file = url.slice('file:'.length).replace(/\?.*$/, '');
    if (!file)
      throw new AgoraError('CONFIG_INVALID', 'DATABASE_URL "file:" needs a path, like file:./data/agora.db', {});
    return { provider: 'sqlite', file: path.resolve(cwd, file), url };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return { provider: 'postgres', connectionString: parsed.toString(), schema, url };
  }
  throw new AgoraError(
    'CONFIG_INVALID',
    `DATABASE_URL must start with file: (SQLite, e.g. file:./data/agora.db) or postgres:// (e.g. postgres://agora@db:5432/agora); got "${maskDatabaseUrl(url)}"`,
    {},
  );
}

/** The URL with any password replaced, safe to print. */
export function maskDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1****@');
}
