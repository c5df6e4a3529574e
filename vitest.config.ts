import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Native addons (better-sqlite3, hnswlib, nodejieba) are safest in forked processes.
    pool: 'forks',
    fileParallelism: true,
  },
});
