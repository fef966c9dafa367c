import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    pool: 'forks',
    // Files in one fork share loaded modules: about 100 files build the whole app, and importing it afresh
    // per file cost ~3.8 s each at CI's load (680 s → 592 s for the suite at a higher load, all green).
    // Files must therefore leave no module state behind (restore env, timers and spies in afterEach).
    isolate: false,
    poolOptions: {
      forks: {
        // Two files at once even on CI's 2 cores: most test time waits on SQLite/PostgreSQL, child
        // processes and Chromium, not on this CPU (777 s on one fork, 512 s on two, same clean clone).
        maxForks: Math.max(2, availableParallelism() - 1),
      },
    },
  },
});
