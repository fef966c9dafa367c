/** Review scoring on the job queue: every few minutes the new review events get sentiment and aspects. */
import type { Clock } from '../platform/index.js';
import type { ReviewService } from '../reviews/index.js';
import type { JobQueue } from './job-queue.js';

/** Scores review events that arrived since the last run. */
export const REVIEWS_SCORE_JOB = 'reviews.score';

const EVERY_MS = 5 * 60_000;

/** Registers the review scoring handler. */
export function defineReviewJobs(queue: JobQueue, reviews: ReviewService): void {
  queue.define(REVIEWS_SCORE_JOB, async (_payload, ctx) =>
    reviews.catchUp(2000, (scored) => void ctx.progress(0.5, `${scored} reviews scored`).catch(() => undefined)),
  );
}

/** Schedules scoring every five minutes; idempotent. */
export async function scheduleReviewJobs(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.schedule(REVIEWS_SCORE_JOB, REVIEWS_SCORE_JOB, EVERY_MS, {}, clock() + EVERY_MS);
}
