/** Copy for the catalogue on the job queue: a bulk run writes drafts for many items off the serving thread. */
import type { BulkRequest, ContentService } from '../content/index.js';
import type { JobQueue } from './job-queue.js';

/** Writes drafts for many items (payload: a {@link BulkRequest}). */
export const CONTENT_BULK_JOB = 'content.bulk';

/** Registers the bulk copy handler. */
export function defineContentJobs(queue: JobQueue, content: ContentService): void {
  queue.define(CONTENT_BULK_JOB, async (payload, ctx) => {
    let pending = Promise.resolve();
    return content
      .bulk(payload as BulkRequest, ctx.job.id, (done, total) => {
        // Progress is written every 25 items: one write per item would cost more than the copy itself.
        if (done % 25 !== 0 && done !== total) return;
        pending = pending
          .then(() => ctx.progress(done / Math.max(1, total), `${done} of ${total} items written`))
          .catch(() => undefined);
      })
      .finally(() => pending);
  });
}
