/**
 * The demo store loaded, trained and profiled once per test run, in a folder the browser tests copy their
 * server's data folder from. Test files run in separate processes: the first to ask builds it (an atomic
 * mkdir decides which), the others wait for its `ready` mark. The folder is the run's (global-setup.ts).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { DemoStoreOptions } from '../../src/demo/index.js';
import { prepareDemo } from '../../src/engine/demo.js';
import { createEngine } from '../../src/engine/engine.js';

/** How long a process waits for another one's build before building its own copy. */
const WAIT_MS = 300_000;

/** The folder holding the prepared store's files (the database and the demo keys), built on first use. */
export async function demoTemplate(size: DemoStoreOptions, configFor: (dataDir: string) => Config): Promise<string> {
  const root = inject('demoTemplateRoot');
  const dir = path.join(root, 'store');
  const ready = path.join(root, 'ready');
  if (existsSync(ready)) return dir;
  try {
    mkdirSync(path.join(root, 'building'));
  } catch {
    for (let waited = 0; waited < WAIT_MS; waited += 200) {
      if (existsSync(ready)) return dir;
      await sleep(200);
    }
    throw new Error(`the demo store template in ${root} was not ready after ${WAIT_MS / 1000} s`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const engine = await createEngine(configFor(dir));
  try {
    await prepareDemo(engine, undefined, size);
    await engine.recommendations.train();
    await engine.customerAnalytics.profiles.catchUp();
  } finally {
    // Closing checkpoints SQLite's log into the database file, so a copy of the folder is the whole store.
    await engine.close();
  }
  if (readdirSync(dir).length === 0) throw new Error(`the demo store template in ${dir} is empty`);
  writeFileSync(ready, '');
  return dir;
}
