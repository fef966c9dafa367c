/**
 * Experiment read-outs on the job queue: one experiment on demand, and every running experiment every
 * fifteen minutes, so results pages read a stored read-out instead of aggregating exposures per request.
 */
import type { ExperimentService } from '../experiments/index.js';
import type { Clock } from '../platform/index.js';
import type { JobRecord } from '../store/repositories/job-repository.js';
import type { JobQueue } from './job-queue.js';

/** Computes one experiment's read-out. */
export const EXPERIMENT_RESULTS_JOB = 'experiments.results';
/** Computes the read-outs of every running experiment. */
export const EXPERIMENTS_REFRESH_JOB = 'experiments.refresh';

const REFRESH_MS = 15 * 60_000;

/** Registers the handlers. */
export function defineExperimentJobs(queue: JobQueue, experiments: ExperimentService): void {
  queue.define(EXPERIMENT_RESULTS_JOB, async (payload) => {
    const { experimentId } = payload as { experimentId: string };
    const r = await experiments.computeResults(experimentId);
    return { experimentId, exposures: r.exposures, decision: r.results.analysis.recommendation.decision };
  });
  queue.define(EXPERIMENTS_REFRESH_JOB, async (_payload, ctx) => {
    const running = await experiments.list('running');
    for (const [i, e] of running.entries()) {
      await ctx.progress(i / Math.max(running.length, 1), e.name);
      await experiments.computeResults(e.id);
    }
    return { experiments: running.length };
  });
}

/** Schedules the periodic refresh; idempotent. */
export async function scheduleExperimentJobs(queue: JobQueue, clock: Clock): Promise<void> {
  await queue.schedule(EXPERIMENTS_REFRESH_JOB, EXPERIMENTS_REFRESH_JOB, REFRESH_MS, {}, clock() + REFRESH_MS);
}

/** Enqueues one experiment's read-out (or returns the pending one). */
export function enqueueResults(queue: JobQueue, experimentId: string): Promise<JobRecord> {
  return queue.enqueue(
    EXPERIMENT_RESULTS_JOB,
    { experimentId },
    { singletonKey: `experiments.results:${experimentId}`, maxAttempts: 2 },
  );
}
