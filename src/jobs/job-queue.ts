/** The job queue: capabilities register handlers by name; anyone may enqueue; workers run them. */
import type { Clock } from '../platform/index.js';
import type { EnqueueOptions, JobRecord } from '../store/repositories/job-repository.js';
import type { Store } from '../store/store.js';

/** What a running job may report and observe. */
export interface JobContext {
  /** Reports progress (0..1) and a short message; also keeps the job's lock alive. */
  progress(fraction: number, message?: string): Promise<void>;
  /** Aborted when the worker is stopping. */
  signal: AbortSignal;
  job: JobRecord;
}

/**
 * A failure that another attempt would repeat (a file that failed validation and is gone): the job fails at
 * once whatever attempts it has left. Its attempts are then for a worker that died in the middle of it.
 */
export class FinalJobError extends Error {
  override name = 'FinalJobError';
}

/** Runs one kind of job; the result is stored with the job. */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/**
 * Which loop of a worker process runs a job: `quick` jobs (profile folds, seconds each) have a loop of their
 * own beside the `main` one, so they run while a long job (a training, an import) holds the main loop.
 */
export type JobLane = 'main' | 'quick';

/** The queue and its handlers. */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly lanes = new Map<string, JobLane>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Registers the handler of a job name, in the main lane unless told otherwise. */
  define(name: string, handler: JobHandler, options: { lane?: JobLane } = {}): void {
    if (this.handlers.has(name)) throw new Error(`job handler "${name}" is already defined`);
    this.handlers.set(name, handler);
    this.lanes.set(name, options.lane ?? 'main');
  }

  /** The handler of a job name. */
  handler(name: string): JobHandler | undefined {
    return this.handlers.get(name);
  }

  /** Names with handlers, all or one lane's. */
  names(lane?: JobLane): string[] {
    const names = [...this.handlers.keys()];
    return lane === undefined ? names : names.filter((name) => this.lanes.get(name) === lane);
  }

  /** Adds a job. */
  enqueue(name: string, payload: unknown = {}, options: EnqueueOptions = {}): Promise<JobRecord> {
    // In a transaction: on SQLite, while the job thread writes, it waits on a timer rather than the thread.
    return this.store.transaction((repos) => repos.jobs.enqueue(name, payload, this.clock(), options));
  }

  /** One job. */
  get(id: string): Promise<JobRecord | undefined> {
    return this.store.jobs.get(id);
  }

  /** Recent jobs. */
  recent(limit = 50, name?: string): Promise<JobRecord[]> {
    return this.store.jobs.recent(limit, name);
  }

  /** Makes a job recur every `everyMs`, first at `firstRunAt` (default: now). */
  async schedule(
    name: string,
    jobName: string,
    everyMs: number,
    payload: unknown = {},
    firstRunAt?: number,
  ): Promise<void> {
    await this.store.jobs.upsertSchedule({
      name,
      jobName,
      payload,
      everyMs,
      nextRunAt: firstRunAt ?? this.clock(),
      enabled: true,
    });
  }
}
