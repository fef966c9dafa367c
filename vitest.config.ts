import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: {
      // Vitest's default (cores − 1) leaves a 2-core machine, CI's, with one fork. Much of a test file's
      // time is waiting (PostgreSQL, child processes, Chromium, HTTP), so two forks keep both cores busy.
      forks: { maxForks: Math.max(2, availableParallelism() - 1) },
    },
  },
});
