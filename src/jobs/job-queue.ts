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

/** The queue and its handlers. */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Registers the handler of a job name. */
  define(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`job handler "${name}" is already defined`);
    this.handlers.set(name, handler);
  }

  /** The handler of a job name. */
  handler(name: string): JobHandler | undefined {
    return this.handlers.get(name);
  }

  /** Names with handlers. */
  names(): string[] {
    return [...this.handlers.keys()];
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
