/**
 * Vision on the job queue: image features (embedding, colours, pattern, hash) and attribute suggestions for
 * catalogue images that have none from the current model. Run after item imports, hourly as a sweep, and on
 * demand; image decoding and the model run off the serving thread, inside the worker.
 */
import type { Clock } from '../platform/index.js';
import type { VisionService } from '../vision/index.js';
import type { JobQueue } from './job-queue.js';

/** Analyses catalogue images that have no features yet (payload: `{ itemIds?, force? }`). */
export const VISION_INDEX_JOB = 'vision.index';

const HOUR_MS = 3_600_000;

/** The payload of {@link VISION_INDEX_JOB}. */
export interface VisionIndexPayload {
  itemIds?: string[];
  force?: boolean;
}

/** Registers the vision job handler. */
export function defineVisionJobs(queue: JobQueue, vision: VisionService): void {
  queue.define(VISION_INDEX_JOB, async (payload, ctx) => {
    const p = (payload ?? {}) as VisionIndexPayload;
    let pending = Promise.resolve();
    return vision
      .index({
        ...(Array.isArray(p.itemIds) ? { itemIds: p.itemIds } : {}),
        force: Boolean(p.force),
        onProgress: (done, total) => {
          pending = pending
            .then(() => ctx.progress(done / Math.max(1, total), `${done} of ${total} items analysed`))
            .catch(() => undefined);
        },
      })
      .finally(() => pending);
  });
}

/** Schedules the hourly sweep for images added since the last one; idempotent. */
export async function scheduleVisionJobs(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.schedule(VISION_INDEX_JOB, VISION_INDEX_JOB, HOUR_MS, {}, clock() + HOUR_MS);
}
