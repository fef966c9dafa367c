/**
 * The experiments' worker thread: opens its own connection and runs the heavy reads (the SQL metric sums over
 * every exposure, the attribution scan) so that a long query never blocks the serving thread (better-sqlite3
 * queries are synchronous). It answers one task and exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { attribute, ATTRIBUTION_MODELS, type ChannelCredit } from '../attribution.js';
import { journeysFromEvents } from '../journeys-from-events.js';
import type { MetricDefinition } from '../../store/repositories/experiment-repository.js';
import { Store } from '../../store/store.js';

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

/** Runs one task against a store (also called in-thread where a worker cannot share the database). */
export async function runExperimentsTask(store: Store, task: ExperimentsTask): Promise<unknown> {
  if (task.kind === 'sums') return store.experiments.metricSums(task.experimentId, task.metrics);
  const journeys = journeysFromEvents(await store.experiments.touchRows(task.since));
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

const url = (workerData as { experimentsUrl?: string } | undefined)?.experimentsUrl;
if (parentPort && url !== undefined) {
  const port = parentPort;
  // One connection for the thread's life; tasks run one after another, as they arrive.
  const opened = Store.open(url);
  let queue: Promise<void> = Promise.resolve();
  port.on('message', ({ id, task }: { id: number; task: ExperimentsTask }) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ id, ok: true, value: await runExperimentsTask(await opened, task) });
      } catch (error) {
        port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}
