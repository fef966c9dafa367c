import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    poolOptions: {
      forks: {
        // Two files at once even on CI's 2 cores: most test time waits on SQLite/PostgreSQL, child
        // processes and Chromium, not on this CPU (777 s on one fork, 512 s on two, same clean clone).
        maxForks: Math.max(2, availableParallelism() - 1),
      },
    },
  },
});
