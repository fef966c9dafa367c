/** Offline evaluation of the recommenders on the store's own log, as a job (it fits every model once). */
import type { Clock } from '../platform/index.js';
import { evaluateStore, type StoreEvaluationOptions } from '../recommend/index.js';
import type { JobRecord } from '../store/repositories/job-repository.js';
import type { TrainingWindowLimits } from '../store/repositories/training-log-repository.js';
import type { Store } from '../store/store.js';
import type { JobQueue } from './job-queue.js';

/** Evaluates the models and stores the metric table. */
export const EVALUATE_JOB = 'recommend.evaluate';

/** The job's payload. */
export interface EvaluateJobPayload {
  maxUsers?: number;
  models?: string[];
}

/** Registers the evaluation job; it reads the same window of the log as training (`limits`). */
export function defineEvaluateJobs(
  queue: JobQueue,
  store: Store,
  clock: Clock,
  limits: TrainingWindowLimits = { maxEvents: null, maxAgeMs: null },
): void {
  queue.define(EVALUATE_JOB, async (payload, ctx) => {
    const p = (payload ?? {}) as EvaluateJobPayload;
    const options: StoreEvaluationOptions = {
      ...(p.maxUsers !== undefined ? { maxUsers: p.maxUsers } : {}),
      ...(p.models !== undefined ? { models: p.models } : {}),
      limits,
      onProgress: (fraction, message) => ctx.progress(fraction, message),
    };
    return evaluateStore(store, clock, options);
  });
}

/** Enqueues an evaluation (or returns the one queued or running: one at a time). */
export function enqueueEvaluation(queue: JobQueue, payload: EvaluateJobPayload = {}): Promise<JobRecord> {
  // A failed fit on real data fails again; retrying would only repeat minutes of work.
  return queue.enqueue(EVALUATE_JOB, payload, { singletonKey: EVALUATE_JOB, maxAttempts: 1 });
}
