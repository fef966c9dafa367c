/**
 * Customer analytics on the job queue. The profile tailer is a job scheduled every few seconds rather than
 * a loop of its own: the queue already guarantees one runner per schedule across worker processes, and
 * `serve --role api` processes then never fold profiles. There is one schedule per customer partition, so
 * several workers fold different partitions at once, and a dead worker's partition is retried by another
 * (its lock expires) and folded once (the partition's cursor is written with compare-and-set). The batch
 * analytics runs daily and on demand.
 */
import type { AnalyticsService } from '../customers/index.js';
import { PROFILE_PARTITIONS, type ProfileTailer } from '../customers/index.js';
import type { Clock } from '../platform/index.js';
import type { JobQueue } from './job-queue.js';
import { DAY_MS } from '../domain/index.js';

/** Folds new events into profiles and updates segment membership: one partition, or every one without a payload. */
export const PROFILES_JOB = 'customers.profiles';

/** The payload of {@link PROFILES_JOB}: the customer partition to fold (absent: all of them in turn). */
export interface ProfilesJobPayload {
  partition?: number;
}
/** The batch run: RFM, CLV, churn, clusters, then every segment. */
export const ANALYSE_JOB = 'customers.analyse';
/** Only one batch run at a time: a second request returns the queued or running one. */
export const ANALYSE_SINGLETON = 'customers.analyse';

const PROFILE_EVERY_MS = 10_000;
/** Daily run at 03:00 UTC, when stores are quiet. */
const ANALYSE_HOUR_UTC = 3;
/** Pages one tailer job folds before it yields the worker to other jobs (the next run continues): 200,000 of its events. */
const MAX_PAGES_PER_JOB = 10;

/** The payload of {@link ANALYSE_JOB}; everything optional. */
export interface AnalyseJobPayload {
  asOf?: number;
  horizonDays?: number;
  churnHorizonDays?: number;
}

/** Registers the customer analytics job handlers. */
export function defineCustomerJobs(
  queue: JobQueue,
  services: { profiles: ProfileTailer; analytics: AnalyticsService },
) {
  queue.define(
    PROFILES_JOB,
    async (payload, ctx) => {
      const partition = (payload as ProfilesJobPayload | null)?.partition;
      let events = 0;
      let customers = 0;
      for (let page = 0; page < MAX_PAGES_PER_JOB && !ctx.signal.aborted; page++) {
        const r = await services.profiles.runOnce(undefined, typeof partition === 'number' ? partition : undefined);
        events += r.events;
        customers += r.customers;
        if (!r.more) break;
        await ctx.progress((page + 1) / MAX_PAGES_PER_JOB, `folded ${events} events`);
      }
      return { events, customers };
    },
    // Quick: a run folds at most MAX_PAGES_PER_JOB pages, and freshness should not wait for a training.
    { lane: 'quick' },
  );
  queue.define(ANALYSE_JOB, async (payload, ctx) => {
    const p = (payload ?? {}) as AnalyseJobPayload;
    return services.analytics.run({
      ...(typeof p.asOf === 'number' ? { asOf: p.asOf } : {}),
      ...(typeof p.horizonDays === 'number' ? { horizonDays: p.horizonDays } : {}),
      ...(typeof p.churnHorizonDays === 'number' ? { churnHorizonDays: p.churnHorizonDays } : {}),
      onProgress: (fraction, message) => ctx.progress(fraction, message),
    });
  });
}

/** The name of a partition's tailer schedule. */
export function profilesScheduleName(partition: number): string {
  return partition === 0 ? PROFILES_JOB : `${PROFILES_JOB}.${partition}`;
}

/** Schedules the tailer (every 10 s, one schedule per partition) and the daily run; idempotent, so every process may call it. */
export async function scheduleCustomerJobs(queue: JobQueue, clock: Clock): Promise<void> {
  const now = clock();
  const today = Math.floor(now / DAY_MS) * DAY_MS + ANALYSE_HOUR_UTC * 3_600_000;
  // Partition 0 keeps the schedule name of the unpartitioned fold, whose payload is replaced on upgrade.
  for (let partition = 0; partition < PROFILE_PARTITIONS; partition++)
    await queue.schedule(profilesScheduleName(partition), PROFILES_JOB, PROFILE_EVERY_MS, { partition }, now);
  await queue.schedule(ANALYSE_JOB, ANALYSE_JOB, DAY_MS, {}, today > now ? today : today + DAY_MS);
}
