// Prisma CLI configuration for PostgreSQL. The schema engine's introspection returns columns of type `name` and
// `"char"` that the pg adapter cannot map (prisma/prisma#27403); the client below reports them as text.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defineConfig } from 'prisma/config';

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

function asText(result: unknown): unknown {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class IntrospectionSafeClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client#query has many overloads; we only wrap its result.
  override query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    if (callback) {
      // biome-ignore lint/suspicious/noExplicitAny: see above
      return (super.query as any)(...args, (err: Error, res: unknown) => callback(err, asText(res)));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const out = (super.query as any)(...args);
    return typeof out?.then === 'function' ? out.then(asText) : out;
  }
}

// The schema's datasource reads DATABASE_URL even to generate the client; give it a local default.
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'postgres', 'schema.prisma'),
  async adapter() {
    const url = new URL(process.env.DATABASE_URL as string);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return new PrismaPg({ connectionString: url.toString(), Client: IntrospectionSafeClient } as pg.PoolConfig, {
      schema,
    });
  },
});
