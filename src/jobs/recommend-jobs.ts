/**
 * Recommendation training on the job queue: on demand, every few hours, and once at start when no
 * model exists yet (so a fresh demo store has personal recommendations within a minute).
 */
import type { RecommendationService } from '../recommend/index.js';
import { RECOMMEND_ARTIFACT_KIND } from '../recommend/index.js';
import type { Clock } from '../platform/index.js';
import type { Store } from '../store/store.js';
import type { JobRecord } from '../store/repositories/job-repository.js';
import type { JobQueue } from './job-queue.js';

/** Trains the recommendation model from the whole log. */
export const TRAIN_JOB = 'recommend.train';
/** One training at a time: a second request returns the queued or running one. */
export const TRAIN_SINGLETON = 'recommend.train';

/** Registers the training job. */
export function defineRecommendJobs(queue: JobQueue, service: RecommendationService): void {
  queue.define(TRAIN_JOB, async (_payload, ctx) => {
    const r = await service.train((fraction, message) => ctx.progress(fraction, message));
    return {
      modelId: r.modelId,
      eventSeq: r.eventSeq,
      metrics: r.metrics,
      ...(r.skipped ? { skipped: r.skipped } : {}),
    };
  });
}

/** Schedules retraining every `hours` (first run one period from now); idempotent. */
export async function scheduleRecommendJobs(queue: JobQueue, clock: Clock, hours: number): Promise<void> {
  if (hours <= 0) return;
  const every = hours * 3_600_000;
  await queue.schedule(TRAIN_JOB, TRAIN_JOB, every, {}, clock() + every);
}

/** Enqueues training (or returns the pending one). */
export function enqueueTraining(queue: JobQueue): Promise<JobRecord> {
  return queue.enqueue(TRAIN_JOB, {}, { singletonKey: TRAIN_SINGLETON, maxAttempts: 2 });
}

/** Enqueues training when no model has been stored yet; returns the job, if one was enqueued. */
export async function trainIfNoModel(queue: JobQueue, store: Store): Promise<JobRecord | undefined> {
  if (await store.modelArtifacts.latestInfo(RECOMMEND_ARTIFACT_KIND)) return undefined;
  if ((await store.events.count()) === 0) return undefined;
  return enqueueTraining(queue);
}
