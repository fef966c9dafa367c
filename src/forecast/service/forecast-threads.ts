/**
 * Spreads the per-series fits of a batch over worker threads (each takes a contiguous slice), then the pooled
 * models' fits, so that a large history uses every core and the calling thread (a server's event loop) stays free.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../../platform/module-thread.js';
import type { SeriesForecast } from '../auto-forecast.js';
import { withGlobalModelFittedBy, type BatchForecast, type BatchForecastOptions } from '../forecast-batch.js';
import { PooledThreads } from './pooled-threads.js';

/** What a forecast thread receives. */
export interface ForecastThreadInput {
  series: Float64Array[];
  options: Omit<BatchForecastOptions, 'onProgress' | 'models'>;
}

/** What a forecast thread sends: progress counts, then its forecasts, or an error. */
export type ForecastThreadMessage =
  | { kind: 'progress'; done: number }
  | { kind: 'done'; forecasts: SeriesForecast[] }
  | { kind: 'error'; message: string };

/** Below this many series a thread costs more to start than it saves. */
const MIN_SERIES_PER_THREAD = 200;

/**
 * A batch forecast on up to `threads` worker threads (default: the cores available): the local forecasts,
 * then the pooled models side by side; the same forecasts as on one thread.
 */
export async function forecastBatchOnThreads(
  batch: Float64Array[],
  options: BatchForecastOptions,
  threads = availableParallelism(),
): Promise<BatchForecast> {
  const local = await localForecastsOnThreads(batch, options, threads);
  const pooled = new PooledThreads(threads);
  try {
    return await withGlobalModelFittedBy(batch, local, options, pooled.fit);
  } finally {
    await pooled.close();
  }
}

/** Local forecasts of `batch` on up to `threads` worker threads (default: the cores available). */
export async function localForecastsOnThreads(
  batch: Float64Array[],
  options: BatchForecastOptions,
  threads = availableParallelism(),
): Promise<SeriesForecast[]> {
  const count = Math.max(1, Math.min(threads, Math.ceil(batch.length / MIN_SERIES_PER_THREAD)));
  const size = Math.ceil(batch.length / count);
  const { onProgress, models: _models, ...plain } = options;
  const done = new Array<number>(count).fill(0);
  const workers: Worker[] = [];
  try {
    const parts = await Promise.all(
      Array.from({ length: count }, (_, t) => {
        const input: ForecastThreadInput = { series: batch.slice(t * size, (t + 1) * size), options: plain };
        const worker = startModuleThread(import.meta.url, 'forecast-worker', { workerData: input });
        workers.push(worker);
        return outcome(worker, (d) => {
          done[t] = d;
          onProgress?.(
            done.reduce((a, b) => a + b, 0),
            batch.length,
          );
        });
      }),
    );
    return parts.flat();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function outcome(worker: Worker, onDone: (done: number) => void): Promise<SeriesForecast[]> {
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: ForecastThreadMessage) => {
      if (m.kind === 'progress') return onDone(m.done);
      settled = true;
      if (m.kind === 'error') reject(new Error(`forecasting failed on its worker thread: ${m.message}`));
      else resolve(m.forecasts);
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the forecasting thread stopped early (exit code ${code})`));
    });
  });
}
