/**
 * The serving thread's side of the job thread (job-thread-main.ts): starts it, relays its log, and stops
 * it after its current job (which is told to abort).
 */
import type { Worker as NodeWorker } from 'node:worker_threads';
import type { Config } from '../config/config.js';
import { startModuleThread } from '../platform/index.js';
import type { WorkerOptions } from '../jobs/worker.js';

/** What the thread is started with: plain data, since it crosses threads by structured clone. */
export interface JobThreadInput {
  /** The configuration the thread opens its own engine with. */
  config: Config;
  /**
   * The serving engine's clock less the wall clock, when its "now" is set (`config.now`): the thread reads
   * the same time rather than restarting from `config.now` a moment later.
   */
  clockOffsetMs?: number;
  /** Worker timing (its log is relayed to {@link JobThreadOptions.log}). */
  worker?: Omit<WorkerOptions, 'log'>;
  /** URLs of modules exporting `defineJobs(engine)`, which register more job handlers on the thread's engine. */
  jobModules?: string[];
}

/** What the thread reports. */
export type JobThreadMessage =
  | { kind: 'ready'; id: string; jobs: string[] }
  | { kind: 'log'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'stopped' };

/** Options of {@link startJobThread}. */
export interface JobThreadOptions extends Omit<JobThreadInput, 'config'> {
  /** Receives the worker's log lines. */
  log?: (message: string) => void;
}

/** A running job thread. */
export interface JobThread {
  /** The worker's id, as jobs record it in `lockedBy`. */
  readonly id: string;
  /** The job names it runs. */
  readonly jobs: string[];
  /** Stops after the current job and closes the thread's engine. */
  stop(): Promise<void>;
}

/** How long a stopping thread may take to finish its job's current step before it is terminated. */
const STOP_GRACE_MS = 30_000;

/** Starts the job worker on its own thread; resolves once it runs (rejects if its engine cannot open). */
export function startJobThread(config: Config, options: JobThreadOptions = {}): Promise<JobThread> {
  const { log, ...rest } = options;
  const input: JobThreadInput = { config, ...rest };
  const thread = startModuleThread(import.meta.url, 'job-thread-main', { workerData: input });
  return new Promise((resolve, reject) => {
    let stopped: (() => void) | undefined;
    const exited = new Promise<void>((done) => thread.once('exit', () => done()));
    thread.on('message', (message: JobThreadMessage) => {
      if (message.kind === 'log') log?.(message.message);
      else if (message.kind === 'failed') reject(new Error(`the job thread could not start: ${message.message}`));
      else if (message.kind === 'stopped') stopped?.();
      else
        resolve({ id: message.id, jobs: message.jobs, stop: () => stopThread(thread, exited, (s) => (stopped = s)) });
    });
    thread.on('error', (error) => {
      // After it was ready a crash only ends background work; the server keeps serving and says so.
      log?.(`the job thread failed: ${error.message}`);
      reject(error);
    });
    void exited.then(() => reject(new Error('the job thread stopped before it was ready')));
  });
}

async function stopThread(thread: NodeWorker, exited: Promise<void>, onStopped: (s: () => void) => void) {
  const stopped = new Promise<void>((resolve) => onStopped(resolve));
  thread.postMessage('stop');
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_GRACE_MS)));
  const outcome = await Promise.race([stopped.then(() => exited), exited, grace]);
  clearTimeout(timer);
  if (outcome === 'late') await thread.terminate();
}
