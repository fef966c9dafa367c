/** The trainer's side of fitting on a worker thread (see fit-worker.ts). */
import { startModuleThread } from '../../platform/module-thread.js';
import type { IndexedColumns } from '../interaction-log.js';
import type { ItemText } from '../recommenders/content-recommender.js';
import type { LogColumns } from './log-columns.js';
import type { TrainMetrics } from './recommend-model.js';

/** What the worker receives: the log's columns (structured-cloned), channels and item texts. */
export interface FitWorkerInput {
  columns: IndexedColumns;
  channels: Uint8Array;
  channelNames: string[];
  orders?: Int32Array;
  lastSeq: number;
  texts: [string, ItemText][];
}

/** What the worker sends: progress messages, then the packed model or an error. */
export type FitMessage =
  | { kind: 'progress'; message: string }
  | { kind: 'done'; bytes: Uint8Array; metrics: TrainMetrics }
  | { kind: 'error'; message: string };

/** Fits and packs the serving model on a worker thread; `onProgress` gets each fit stage as it starts. */
export function fitOnWorkerThread(
  cols: LogColumns,
  texts: ReadonlyMap<string, ItemText>,
  onProgress: (message: string) => void = () => {},
): Promise<{ bytes: Uint8Array; metrics: TrainMetrics }> {
  const { log } = cols;
  const input: FitWorkerInput = {
    columns: {
      userIds: log.userIds,
      itemIds: log.itemIds,
      users: log.users,
      items: log.items,
      timestamps: log.timestamps,
      events: log.events,
      values: log.values,
      eventWeights: log.eventWeights,
    },
    channels: cols.channels,
    channelNames: cols.channelNames,
    ...(cols.orders ? { orders: cols.orders } : {}),
    lastSeq: cols.lastSeq,
    texts: [...texts],
  };
  return new Promise((resolve, reject) => {
    const worker = startModuleThread(import.meta.url, 'fit-worker', { workerData: input });
    let settled = false;
    worker.on('message', (m: FitMessage) => {
      if (m.kind === 'progress') onProgress(m.message);
      else {
        settled = true;
        if (m.kind === 'done') resolve({ bytes: m.bytes, metrics: m.metrics });
        else reject(new Error(`training failed on its worker thread: ${m.message}`));
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the training thread stopped early (exit code ${code})`));
    });
  });
}
