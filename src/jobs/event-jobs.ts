/** The event log's upkeep on the job queue: month partitions ahead and retention, hourly on a worker. */
import type { Clock, EventRetentionService } from '../platform/index.js';
import type { JobQueue } from './job-queue.js';

/** Creates month partitions ahead and drops raw events past the retention period. */
export const EVENTS_UPKEEP_JOB = 'events.upkeep';

const HOUR_MS = 3_600_000;

/** Registers the upkeep handler. */
export function defineEventJobs(queue: JobQueue, retention: EventRetentionService): void {
  queue.define(EVENTS_UPKEEP_JOB, async () => {
    const { created, pruned } = await retention.upkeep();
    return { created, droppedPartitions: pruned?.partitions ?? [], droppedEvents: pruned?.rows ?? 0 };
  });
}

/** Schedules upkeep hourly, first right away (a new month's partition must exist before its first event); idempotent. */
export async function scheduleEventJobs(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.schedule(EVENTS_UPKEEP_JOB, EVENTS_UPKEEP_JOB, HOUR_MS, {}, clock());
}
