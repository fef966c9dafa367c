/**
 * The experiments' worker thread: opens its own connection and runs the heavy reads (the SQL metric sums over
 * every exposure, the attribution scan) so that a long query never blocks the serving thread (better-sqlite3
 * queries are synchronous). It answers tasks one at a time, for as long as it runs.
 */
import { workerData } from 'node:worker_threads';
import { serveTasks } from '../../platform/task-thread.js';
import { attribute, ATTRIBUTION_MODELS, type ChannelCredit } from '../attribution.js';
import { journeysFromEvents } from '../journeys-from-events.js';
import { connect } from '../../store/connect.js';
import { ExperimentRepository, type MetricDefinition } from '../../store/repositories/experiment-repository.js';

/** A task for the worker. */
export type ExperimentsTask =
  | { kind: 'sums'; experimentId: string; metrics: MetricDefinition[] }
  | { kind: 'attribution'; since: number; halfLifeMs: number };
/** Attribution credits per model, with the journeys they came from. */
export interface AttributionReport {
  journeys: number;
  conversions: number;
  revenue: number;
  models: Record<string, ChannelCredit[]>;
}

/** Runs one task against the experiments' repository (also called in-thread where a worker cannot share the database). */
export async function runExperimentsTask(experiments: ExperimentRepository, task: ExperimentsTask): Promise<unknown> {
  if (task.kind === 'sums') return experiments.metricSums(task.experimentId, task.metrics);
  const journeys = journeysFromEvents(await experiments.touchRows(task.since));
  const converted = journeys.filter((j) => j.converted);
  const report: AttributionReport = {
    journeys: journeys.length,
    conversions: converted.length,
    revenue: converted.reduce((s, j) => s + j.value, 0),
    models: Object.fromEntries(
      ATTRIBUTION_MODELS.map((m) => [m, attribute(journeys, m, { halfLifeMs: task.halfLifeMs })]),
    ),
  };
  return report;
}

// One connection for the thread's life. Only a connection and the one repository: the serving side opened (and
// migrated) the store before it started this thread, and a small module graph starts quickly (from TypeScript
// sources under load, the whole store took seconds).
serveTasks(
  workerData,
  (url) => {
    const { db, adapter } = connect(url);
    return new ExperimentRepository(db, adapter);
  },
  runExperimentsTask,
);
