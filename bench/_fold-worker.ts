/**
 * A worker process that runs only the quick lane (the profile folds), for `npm run bench -- profile-fold
 * --workers N`: `tsx bench/_fold-worker.ts DATABASE_URL DATA_DIR`. Prints "ready" once it polls for jobs, and
 * stops on SIGTERM.
 */
import { loadConfig } from '../src/config/config.js';
import { createEngine } from '../src/engine/engine.js';
import { Worker } from '../src/jobs/worker.js';

const [databaseUrl, dataDir] = process.argv.slice(2);
const engine = await createEngine({
  ...loadConfig({}),
  databaseUrl: databaseUrl!,
  dataDir: dataDir!,
  logLevel: 'warn',
  retrainHours: 0,
});
const worker = new Worker(engine.store, engine.jobs, engine.clock, { lane: 'quick', pollMs: 50 });
worker.start();
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => engine.close())
    .then(() => process.exit(0));
});
console.log('ready');
