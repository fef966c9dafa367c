/**
 * Starts a Daogou process in its role: `all` serves the API on this thread and runs the job worker on a
 * thread of its own (own engine and database connection), `api` only serves, `worker` only runs jobs
 * (on this thread: nothing else needs it). Background work starts after the server listens.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import { prepareDemo, type DemoInfo, type DemoProgress } from '../engine/demo.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { storefrontMergeSigner, storefrontOrderTaker, storefrontSettings } from '../engine/storefront-settings.js';
import { startJobThread, type JobThreadInput } from '../engine/job-thread.js';
import { trainIfNoModel } from '../jobs/recommend-jobs.js';
import { SEARCH_REFRESH_JOB } from '../jobs/search-jobs.js';
import { startWorkerLanes, type WorkerOptions } from '../jobs/worker.js';
import { buildApp } from './app.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Load the demo store into an empty database first (and print its keys: the caller's part). */
  demo?: boolean;
  onDemoProgress?: DemoProgress;
  /** Receives the worker's log lines. */
  log?: (message: string) => void;
  /** Worker timing. */
  worker?: Omit<WorkerOptions, 'log'>;
  /** More job handlers for the job thread (role all); see JobThreadInput.jobModules. */
  jobModules?: JobThreadInput['jobModules'];
}

/** A started process. */
export interface RunningServer {
  engine: Engine;
  /** Undefined in the worker role. */
  app: FastifyInstance | undefined;
  /** The job worker's id; undefined in the api role. */
  workerId: string | undefined;
  /** The job names the worker runs. */
  jobs: string[];
  demo: DemoInfo | undefined;
  /** The address the API listens on (undefined in the worker role). */
  url: string | undefined;
  /** Stops serving, then the worker (after its current job), then closes the engine. */
  close(): Promise<void>;
}

interface Runner {
  id: string;
  jobs: string[];
  stop(): Promise<void>;
}

/** Opens the engine and starts what `config.role` asks for. */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const engine = await createEngine(config);
  // A long-running process: SQLite's checkpoints go to their own thread instead of stalling requests.
  await engine.store.upkeepInBackground();
  let demo: DemoInfo | undefined;
  if (options.demo) demo = await prepareDemo(engine, options.onDemoProgress);
  const storefront = storefrontSettings(engine, demo?.publicKey ?? config.storePublicKey, demo !== undefined);
  const app =
    config.role === 'worker'
      ? undefined
      : await buildApp(engine, {
          logger: { level: config.logLevel },
          web: {
            dir: config.webDir,
            storefront,
            // The demo plays the merchant's login: it signs merges into the shoppers it offers.
            ...(demo ? { signMerge: storefrontMergeSigner(engine), placeOrder: storefrontOrderTaker(engine) } : {}),
          },
        });
  let url: string | undefined;
  if (app) url = await app.listen({ port: config.port, host: config.host });
  let runner: Runner | undefined;
  try {
    runner = await startRunner(engine, config, options);
    if (runner) await firstJobs(engine, demo !== undefined, options.log);
  } catch (error) {
    await runner?.stop();
    await app?.close();
    await engine.close();
    throw error;
  }
  return {
    engine,
    app,
    workerId: runner?.id,
    jobs: runner?.jobs ?? [],
    demo,
    url,
    async close() {
      await app?.close();
      await runner?.stop();
      await engine.close();
    },
  };
}

async function startRunner(engine: Engine, config: Config, options: StartServerOptions): Promise<Runner | undefined> {
  if (config.role === 'api') return undefined;
  if (config.role === 'all') {
    const { log, worker, jobModules } = options;
    return startJobThread(config, {
      ...(log ? { log } : {}),
      ...(worker ? { worker } : {}),
      ...(jobModules ? { jobModules } : {}),
      ...(config.now === null ? {} : { clockOffsetMs: engine.clock() - Date.now() }),
    });
  }
  // A worker process runs quick jobs (profile folds) in a lane of their own beside the long ones.
  const lanes = startWorkerLanes(engine.store, engine.jobs, engine.clock, {
    ...options.worker,
    ...(options.log ? { log: options.log } : {}),
  });
  return { id: lanes.id, jobs: engine.jobs.names(), stop: () => lanes.stop() };
}

async function firstJobs(engine: Engine, demo: boolean, log?: (message: string) => void): Promise<void> {
  // A store with events but no model yet (e.g. the demo just loaded) gets one trained right away.
  if (await trainIfNoModel(engine.jobs, engine.store))
    log?.('no recommendation model yet: training one in the background');
  // The demo's logged searches become autocomplete suggestions now rather than at the hourly refresh.
  if (demo) await engine.jobs.enqueue(SEARCH_REFRESH_JOB, {}, { singletonKey: SEARCH_REFRESH_JOB });
}
