/** The trainer's side of fitting on worker threads (see fit-worker.ts). */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../../platform/module-thread.js';
import type { BlendChoice } from '../default-pipeline.js';
import type { IndexedColumns } from '../interaction-log.js';
import type { ItemText } from '../recommenders/content-recommender.js';
import type { LogColumns } from './log-columns.js';
import { VALIDATION_MIN_USERS, type TrainMetrics } from './recommend-model.js';

/** What a thread does: the whole fit, only the blend weights, or the model given weights by message. */
export type FitRole = 'all' | 'weights' | 'model';

/** What the worker receives: its role, the log's columns (structured-cloned), channels and item texts. */
export interface FitWorkerInput {
  role: FitRole;
  columns: IndexedColumns;
  channels: Uint8Array;
  channelNames: string[];
  orders?: Int32Array;
  lastSeq: number;
  texts: [string, ItemText][];
  /** Image vectors by item id, for the "looks similar" model. */
  images: [string, Float32Array][];
}

/** What the worker sends: progress messages, then the packed model (or the weights) or an error. */
export type FitMessage =
  | { kind: 'progress'; message: string }
  | { kind: 'weights'; choice: BlendChoice }
  | { kind: 'done'; bytes: Uint8Array; metrics: TrainMetrics }
  | { kind: 'error'; message: string };

/**
 * Fits and packs the serving model off the calling thread; `onProgress` gets each fit stage as it starts.
 * With two cores or more and a log large enough to validate on, the blend weights are chosen on one thread
 * while the components are fitted on another (the two halves took about as long each on Amazon Beauty).
 * The threads are given copies of the log, items and images as they start, before this returns: nothing
 * here holds `cols`, `texts` or `images` while they fit, so a caller that drops its own references lets them
 * be collected during the fit (at 1,000,000 customers they were hundreds of MB for the half hour it took).
 */
export function fitOnWorkerThread(
  cols: LogColumns,
  texts: ReadonlyMap<string, ItemText>,
  onProgress: (message: string) => void = () => {},
  images: ReadonlyMap<string, Float32Array> = new Map(),
): Promise<{ bytes: Uint8Array; metrics: TrainMetrics }> {
  const split = availableParallelism() > 1 && cols.log.numUsers >= VALIDATION_MIN_USERS;
  if (!split) return fitOn(startFit('all', cols, texts, images), onProgress);
  return fitSplit(startFit('weights', cols, texts, images), startFit('model', cols, texts, images), onProgress);
}

/** The model thread's packed model, once the weights thread has sent it the blend weights; stops both. */
async function fitSplit(
  weights: Worker,
  model: Worker,
  onProgress: (message: string) => void,
): Promise<{ bytes: Uint8Array; metrics: TrainMetrics }> {
  try {
    const fitted = fitOn(model, onProgress);
    // Should the weights fail first, the model thread is stopped below and its rejection is not news.
    fitted.catch(() => undefined);
    const choice = await weightsFrom(weights, onProgress);
    model.postMessage(choice);
    return await fitted;
  } finally {
    await Promise.all([weights.terminate(), model.terminate()]);
  }
}

function startFit(
  role: FitRole,
  cols: LogColumns,
  texts: ReadonlyMap<string, ItemText>,
  images: ReadonlyMap<string, Float32Array>,
): Worker {
  const { log } = cols;
  const input: FitWorkerInput = {
    role,
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
    images: [...images],
  };
  return startModuleThread(import.meta.url, 'fit-worker', { workerData: input });
}

/** The packed model a 'model' or 'all' thread sends. */
function fitOn(worker: Worker, onProgress: (message: string) => void) {
  return outcome(worker, onProgress, (m) => (m.kind === 'done' ? { bytes: m.bytes, metrics: m.metrics } : undefined));
}

/** The blend weights a 'weights' thread sends. */
function weightsFrom(worker: Worker, onProgress: (message: string) => void): Promise<BlendChoice> {
  return outcome(worker, onProgress, (m) => (m.kind === 'weights' ? m.choice : undefined));
}

/** The first result `pick` finds among a thread's messages; its errors and early exits reject. */
function outcome<T>(
  worker: Worker,
  onProgress: (message: string) => void,
  pick: (message: FitMessage) => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: FitMessage) => {
      if (m.kind === 'progress') return onProgress(m.message);
      settled = true;
      if (m.kind === 'error') return reject(new Error(`training failed on its worker thread: ${m.message}`));
      const value = pick(m);
      if (value === undefined) reject(new Error(`unexpected message from the training thread: ${m.kind}`));
      else resolve(value);
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
