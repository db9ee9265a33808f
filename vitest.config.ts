import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Real SQLite files, a real PostgreSQL and real SDK clients over loopback: keep the 2-core machine unhurried.
    maxWorkers: 2,
    // What a test waits for (a page updating, a message arriving) may take seconds when the machine is busy.
    expect: { poll: { timeout: 15_000 } },
    reporters: ['default'],
  },
});
