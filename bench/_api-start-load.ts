/**
 * One model load in a process of its own (api-start.ts runs it once per build and round, so no other
 * engine's garbage is collected meanwhile): `tsx bench/_api-start-load.ts ROOT DATABASE_URL` imports
 * ROOT's dist/, creates an engine, times `recommendations.warm()` and how long the event loop was held
 * meanwhile, and prints one JSON line.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type * as EngineModule from '../src/engine/engine.js';
import type * as ConfigModule from '../src/config/config.js';

const [root, databaseUrl] = process.argv.slice(2) as [string, string];
const dist = (file: string) => pathToFileURL(path.join(root, 'dist', file)).href;
const { createEngine } = (await import(dist('engine/engine.js'))) as typeof EngineModule;
const { loadConfig } = (await import(dist('config/config.js'))) as typeof ConfigModule;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-api-start-'));
const engine = await createEngine({ ...loadConfig({}), databaseUrl, dataDir, logLevel: 'warn', retrainHours: 0 });
const delay = monitorEventLoopDelay({ resolution: 1 });
let last = performance.now();
let held = 0;
// A 1 ms ticker: every gap over 20 ms is a turn of the event loop that held it that long.
const ticker = setInterval(() => {
  const now = performance.now();
  if (now - last > 20) held += now - last;
  last = now;
}, 1);
delay.enable();
const t = performance.now();
await engine.recommendations.warm();
const wall = performance.now() - t;
delay.disable();
clearInterval(ticker);
await engine.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    'model load (warm) wall (ms)': wall,
    'model load: longest event-loop hold (ms)': delay.max / 1e6,
    'model load: event loop held in turns > 20 ms (ms)': held,
  }),
);
