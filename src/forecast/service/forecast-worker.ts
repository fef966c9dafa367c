/** The worker-thread side of {@link localForecastsOnThreads}: fits its slice, reporting progress now and then. */
import { parentPort, workerData } from 'node:worker_threads';
import { localForecasts } from '../forecast-batch.js';
import type { ForecastThreadInput, ForecastThreadMessage } from './forecast-threads.js';

const input = workerData as ForecastThreadInput;
const port = parentPort!;
const post = (message: ForecastThreadMessage) => port.postMessage(message);

try {
  let last = 0;
  const forecasts = localForecasts(input.series, {
    ...input.options,
    onProgress: (done) => {
      if (done - last >= 100) {
        last = done;
        post({ kind: 'progress', done });
      }
    },
  });
  post({ kind: 'progress', done: input.series.length });
  post({ kind: 'done', forecasts });
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
