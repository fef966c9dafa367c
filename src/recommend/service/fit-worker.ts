/**
 * The worker-thread side of training: rebuilds the log from the columns the trainer sends, fits the
 * serving model and sends back the packed artifact. Fitting takes from seconds to minutes of CPU;
 * on its own thread it no longer stops the event loop that serves requests in the same process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InteractionLog } from '../interaction-log.js';
import type { FitMessage, FitWorkerInput } from './fit-thread.js';
import { fitServingModel, packServingModel } from './recommend-model.js';

const input = workerData as FitWorkerInput;
const post = (message: FitMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
try {
  const log = InteractionLog.fromIndexed(input.columns);
  const { channels, channelNames, orders, lastSeq } = input;
  const cols = { log, channels, channelNames, lastSeq, ...(orders ? { orders } : {}) };
  const { model, metrics } = fitServingModel(cols, new Map(input.texts), (message) =>
    post({ kind: 'progress', message }),
  );
  const bytes = packServingModel(model);
  post({ kind: 'done', bytes, metrics }, [bytes.buffer as ArrayBuffer]);
} catch (error) {
  post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
