/**
 * Search on the job queue: an hourly refresh of priors, learned synonyms, suggestions and the semantic
 * model, and a full reindex on demand. Both end with a snapshot that other processes load.
 */
import type { Clock } from '../platform/index.js';
import type { SearchService } from '../search/index.js';
import { refreshSearch } from '../search/index.js';
import type { Store } from '../store/store.js';
import type { JobQueue } from './job-queue.js';

/** Recomputes what search learns from behaviour. */
export const SEARCH_REFRESH_JOB = 'search.refresh';
/** Rebuilds the index from the items table. */
export const SEARCH_REINDEX_JOB = 'search.reindex';

const HOUR_MS = 3_600_000;

/** Registers the search job handlers. */
export function defineSearchJobs(queue: JobQueue, search: SearchService, store: Store, clock: Clock): void {
  queue.define(SEARCH_REFRESH_JOB, (_payload, ctx) =>
    refreshSearch(search, store, clock, { onProgress: (f, m) => ctx.progress(f, m) }),
  );
  queue.define(SEARCH_REINDEX_JOB, async (_payload, ctx) => {
    const r = await search.rebuild((done) => void ctx.progress(0.5, `${done} items indexed`).catch(() => undefined));
    return r;
  });
}

/** Schedules the hourly refresh (first run in an hour: a fresh index needs no learning yet); idempotent. */
export async function scheduleSearchJobs(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.schedule(SEARCH_REFRESH_JOB, SEARCH_REFRESH_JOB, HOUR_MS, {}, clock() + HOUR_MS);
}
