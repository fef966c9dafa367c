/**
 * A worker: claims due jobs one at a time and runs their handlers, enqueues scheduled jobs when due,
 * and keeps each running job's lock alive so a dead worker's job is taken over by another.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Clock } from '../platform/index.js';
import type { JobRecord } from '../store/repositories/job-repository.js';
import type { Store } from '../store/store.js';
import { FinalJobError, type JobLane, type JobQueue } from './job-queue.js';
import { DAY_MS } from '../domain/index.js';

/** Worker timing. */
export interface WorkerOptions {
  /** Idle wait between polls, ms. */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat, ms. */
  lockMs?: number;
  /** Logs what happens (defaults to silence). */
  log?: (message: string) => void;
  /** How long finished jobs are kept, ms (default a day); frequent schedules would otherwise pile up rows. */
  retentionMs?: number;
  /** The id the worker locks jobs under (default host:pid:random). */
  id?: string;
  /** Runs only the jobs of this lane (default: every job, one at a time). See {@link startWorkerLanes}. */
  lane?: JobLane;
}

const PRUNE_EVERY_MS = 3_600_000;

/** Retry delay after the n-th failed attempt: 10 s, 40 s, 90 s, … capped at 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(10_000 * attempt * attempt, 600_000);
}

/** Runs jobs until stopped. */
export class Worker {
  readonly id: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly options: WorkerOptions = {},
  ) {
    this.id = options.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the current job (which is told to abort). */
  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wake?.();
    await this.loop;
  }

  /** Enqueues due scheduled jobs, then runs due jobs until none is left; returns how many ran. */
  async drain(): Promise<number> {
    await this.enqueueScheduled();
    await this.pruneFinished();
    let ran = 0;
    for (let job = await this.claim(); job; job = await this.claim()) {
      await this.execute(job);
      ran += 1;
    }
    return ran;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const ran = await this.drain();
        if (ran > 0) continue;
      } catch (error) {
        this.options.log?.(`worker error: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 1000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private async pruneFinished(): Promise<void> {
    const now = this.clock();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const removed = await this.store.jobs.prune(now - (this.options.retentionMs ?? DAY_MS));
    if (removed > 0) this.options.log?.(`pruned ${removed} finished jobs`);
  }

  private claim(): Promise<JobRecord | undefined> {
    if (!this.running && this.abort.signal.aborted) return Promise.resolve(undefined);
    return this.store.jobs.claim(
      this.id,
      this.queue.names(this.options.lane),
      this.clock(),
      this.options.lockMs ?? 60_000,
    );
  }

  private async enqueueScheduled(): Promise<void> {
    const now = this.clock();
    for (const schedule of await this.store.jobs.dueSchedules(now)) {
      // Skip missed runs rather than replaying them all: the next run is one period from now.
      if (await this.store.jobs.advanceSchedule(schedule.name, schedule.nextRunAt, now + schedule.everyMs)) {
        await this.queue.enqueue(schedule.jobName, schedule.payload, { singletonKey: `schedule:${schedule.name}` });
      }
    }
  }

  private async execute(job: JobRecord): Promise<void> {
    const handler = this.queue.handler(job.name)!;
    const lockMs = this.options.lockMs ?? 60_000;
    const log = this.options.log;
    const started = this.clock();
    try {
      const result = await handler(job.payload, {
        job,
        signal: this.abort.signal,
        progress: (fraction, message) =>
          this.store.jobs.heartbeat(job.id, this.id, this.clock() + lockMs, fraction, message),
      });
      await this.store.jobs.complete(job.id, result, this.clock());
      // Frequent quick jobs (the profile tailer runs every few seconds) would drown the log.
      const seconds = (this.clock() - started) / 1000;
      if (seconds >= 1) log?.(`job ${job.name} ${job.id} done in ${seconds.toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = error instanceof FinalJobError ? null : this.clock() + retryDelayMs(job.attempts);
      const status = await this.store.jobs.fail(job, message, this.clock(), retryAt);
      log?.(`job ${job.name} ${job.id} failed (${status}): ${message}`);
    }
  }
}

/** Workers running side by side in one process, one per lane. */
export interface WorkerLanes {
  /** The main lane's worker id; the quick lane's is this with `/quick`. */
  id: string;
  stop(): Promise<void>;
}

/**
 * Starts a worker for the main lane and one for the quick lane if it has jobs: quick jobs (profile folds) then run while a long job holds the main
 * lane, instead of waiting behind it (a training of minutes stalled profile freshness for as long). Each lane
 * still runs one job at a time; scheduled jobs are enqueued by whichever lane looks first (exactly once).
 */
export function startWorkerLanes(
  store: Store,
  queue: JobQueue,
  clock: Clock,
  options: WorkerOptions = {},
): WorkerLanes {
  const id = options.id ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const workers = [new Worker(store, queue, clock, { ...options, id, lane: 'main' })];
  if (queue.names('quick').length > 0)
    workers.push(new Worker(store, queue, clock, { ...options, id: `${id}/quick`, lane: 'quick' }));
  for (const worker of workers) worker.start();
  return {
    id,
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
