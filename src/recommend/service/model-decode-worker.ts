/** The worker-thread side of model-decode-thread.ts: decodes the bytes it is given and sends the model back. */
import { parentPort, workerData } from 'node:worker_threads';
import { toTransfer } from '../../platform/class-transfer.js';
import { MODEL_CLASSES, type DecodeInput, type DecodeReply } from './model-decode-thread.js';
import { unpackServingModel } from './recommend-model.js';

const input = workerData as DecodeInput;
const post = (reply: DecodeReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(reply, transfer);

try {
  const sent = toTransfer(unpackServingModel(input.bytes, input.info, input.eventSeq), MODEL_CLASSES);
  post({ ok: true, model: sent.value }, sent.transfer);
} catch (error) {
  post({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
