/**
 * The worker-thread side of training: rebuilds the log from the columns the trainer sends, then plays its
 * role: fit the whole serving model ('all'), only choose the blend weights ('weights'), or fit the model
 * with weights that arrive by message from a 'weights' thread running beside it ('model'). Fitting takes
 * from seconds to minutes of CPU; on its own thread it no longer stops the event loop serving requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BlendChoice } from '../default-pipeline.js';
import { InteractionLog } from '../interaction-log.js';
import type { FitMessage, FitWorkerInput } from './fit-thread.js';
import { chooseServingWeights, fitServingModel, packServingModel } from './recommend-model.js';

const input = workerData as FitWorkerInput;
const port = parentPort!;
const post = (message: FitMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function run(): Promise<void> {
  const log = InteractionLog.fromIndexed(input.columns);
  const { channels, channelNames, orders, lastSeq } = input;
  const cols = { log, channels, channelNames, lastSeq, ...(orders ? { orders } : {}) };
  const texts = new Map(input.texts);
  const images = new Map(input.images);
  const progress = (message: string) => post({ kind: 'progress', message });
  if (input.role === 'weights') {
    post({ kind: 'weights', choice: chooseServingWeights(cols, texts, progress, images) });
    return;
  }
  const weights =
    input.role === 'model'
      ? new Promise<BlendChoice>((resolve) => port.once('message', (choice: BlendChoice) => resolve(choice)))
      : undefined;
  const { model, metrics } = await fitServingModel(cols, texts, progress, weights, images);
  progress('packing the model');
  const bytes = packServingModel(model);
  post({ kind: 'done', bytes, metrics }, [bytes.buffer as ArrayBuffer]);
}

run().catch((error: unknown) =>
  post({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
