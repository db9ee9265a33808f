// Prisma CLI configuration for the embedded SQLite store (Wasm schema engine: works offline).
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

// The schema's datasource reads DATABASE_URL even to generate the client; give it the embedded default.
process.env.DATABASE_URL ??= 'file:./data/agora.db';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(import.meta.dirname, 'sqlite', 'schema.prisma'),
  async adapter() {
    const url = (process.env.DATABASE_URL as string).replace(/^file:/, '');
    return new PrismaBetterSQLite3({ url });
  },
});
