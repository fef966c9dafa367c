/** Review scoring on the job queue: every few minutes the new review events get sentiment and aspects. */
import type { Clock } from '../platform/index.js';
import { validateLabelledReviews, type ReviewService } from '../reviews/index.js';
import { FinalJobError, type JobQueue } from './job-queue.js';

/** Scores review events that arrived since the last run. */
export const REVIEWS_SCORE_JOB = 'reviews.score';

/**
 * Trains the store's own sentiment model on the merchant's labelled reviews (payload `{ reviews }`), or, with
 * no labels (payload `{ adapt: 'auto' | 'on' }`), adapts the built-in model to the store's own stored reviews.
 */
export const REVIEWS_TRAIN_JOB = 'reviews.train-sentiment';

const EVERY_MS = 5 * 60_000;

/** Registers the review scoring handler. */
export function defineReviewJobs(queue: JobQueue, reviews: ReviewService): void {
  queue.define(REVIEWS_SCORE_JOB, async (_payload, ctx) =>
    reviews.catchUp(2000, (scored) => void ctx.progress(0.5, `${scored} reviews scored`).catch(() => undefined)),
  );
  queue.define(REVIEWS_TRAIN_JOB, async (payload, ctx) => {
    const adapt = (payload as { adapt?: unknown }).adapt;
    if (adapt !== undefined) {
      if (adapt !== 'auto' && adapt !== 'on')
        throw new FinalJobError(`adapt must be "auto" or "on", got ${JSON.stringify(adapt)}`);
      void ctx.progress(0, 'adapting the built-in model to the store reviews').catch(() => undefined);
      const { decision, info } = await reviews.adapt(adapt);
      return { modelId: info?.id ?? null, adapted: decision.adapted, reason: decision.reason, ...decision.novelty };
    }
    // Checked again: the payload was stored by an earlier version or written by hand.
    const labelled = validateLabelledReviews((payload as { reviews?: [] }).reviews ?? []);
    const info = await reviews.train(labelled, (done, total) => {
      void ctx.progress(done / total, `epoch ${done} of ${total}`).catch(() => undefined);
    });
    return { modelId: info.id, active: info.active, heldOut: info.heldOut, reviews: info.reviews };
  });
}

/** Schedules scoring every five minutes; idempotent. */
export async function scheduleReviewJobs(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.schedule(REVIEWS_SCORE_JOB, REVIEWS_SCORE_JOB, EVERY_MS, {}, clock() + EVERY_MS);
}
