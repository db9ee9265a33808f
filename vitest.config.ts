import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Real SQLite files, a real PostgreSQL and real SDK clients over loopback: keep the 2-core machine unhurried.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
