/**
 * The job worker's thread in the all-in-one server (`serve`, role all): its own engine, so its own
 * database connection, runs the job queue. A long job (profiles, analytics, training, search refresh,
 * imports, evaluation) then costs the thread serving requests nothing but what the database shares.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, type Engine } from './engine.js';
import type { JobThreadInput, JobThreadMessage } from './job-thread.js';
import { Worker } from '../jobs/worker.js';

/** A module that registers more job handlers on the thread's engine (see JobThreadInput.jobModules). */
interface JobModule {
  defineJobs(engine: Engine): void;
}

async function run(port: NonNullable<typeof parentPort>, input: JobThreadInput): Promise<void> {
  const post = (message: JobThreadMessage) => port.postMessage(message);
  let engine: Engine | undefined;
  try {
    const offset = input.clockOffsetMs;
    engine =
      offset === undefined
        ? await createEngine(input.config)
        : await createEngine(input.config, () => Date.now() + offset);
    for (const url of input.jobModules ?? []) ((await import(url)) as JobModule).defineJobs(engine);
    const worker = new Worker(engine.store, engine.jobs, engine.clock, {
      ...input.worker,
      log: (message) => post({ kind: 'log', message }),
    });
    const opened = engine;
    port.once('message', () => {
      void (async () => {
        await worker.stop();
        await opened.close();
        post({ kind: 'stopped' });
        port.close();
      })();
    });
    worker.start();
    post({ kind: 'ready', id: worker.id, jobs: engine.jobs.names() });
  } catch (error) {
    await engine?.close().catch(() => undefined);
    post({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    port.close();
  }
}

if (parentPort) void run(parentPort, workerData as JobThreadInput);
