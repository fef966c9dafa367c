/**
 * Journeys on the job queue: one tick job every second reads new events, advances due runs and delivers due
 * messages. As a scheduled job it has one runner at a time across worker processes (the queue's singleton),
 * and `serve --role api` processes never run it.
 */
import type { JourneyRunner } from '../journeys/index.js';
import type { Clock } from '../platform/index.js';
import type { JobQueue } from './job-queue.js';

/** The journey tick. */
export const JOURNEYS_TICK_JOB = 'journeys.tick';

const TICK_EVERY_MS = 1000;

/** Registers the journey job handler. */
export function defineJourneyJobs(queue: JobQueue, runner: JourneyRunner): void {
  queue.define(JOURNEYS_TICK_JOB, async (_payload, ctx) => runner.tick(ctx.signal));
}

/** Schedules the tick; idempotent, so every process may call it. */
export async function scheduleJourneyJobs(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.schedule(JOURNEYS_TICK_JOB, JOURNEYS_TICK_JOB, TICK_EVERY_MS, {}, clock());
}
