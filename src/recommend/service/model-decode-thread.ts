/**
 * Decodes a stored recommendation model on a worker thread of its own: unpacking and indexing a model
 * (copies of every array, the content model's transposed postings, ALS's Gram matrix) is one synchronous call
 * of 0.55–0.9 s at 20,000 items (a 73 MB model), during which the API process answered nothing, not even /health.
 * The decoded objects come back with their buffers transferred (class-transfer.ts).
 */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { fromTransfer, type TransferClass } from '../../platform/class-transfer.js';
import { startModuleThread } from '../../platform/module-thread.js';
import { DefaultPipeline } from '../default-pipeline.js';
import { AlsRecommender } from '../recommenders/als-recommender.js';
import { BoughtTogetherRecommender } from '../recommenders/bought-together-recommender.js';
import { ContentRecommender } from '../recommenders/content-recommender.js';
import { EaseRecommender } from '../recommenders/ease-recommender.js';
import { ItemKnnRecommender } from '../recommenders/item-knn-recommender.js';
import { PopularityRecommender } from '../recommenders/popularity-recommender.js';
import { TransitionRecommender } from '../recommenders/transition-recommender.js';
import { VisualRecommender } from '../recommenders/visual-recommender.js';
import type { ServingModel } from './recommend-model.js';

/** Every class a decoded model is built from, in the order both threads use to name them. */
export const MODEL_CLASSES: readonly TransferClass[] = [
  CsrMatrix,
  DefaultPipeline,
  AlsRecommender,
  BoughtTogetherRecommender,
  ContentRecommender,
  EaseRecommender,
  ItemKnnRecommender,
  PopularityRecommender,
  TransitionRecommender,
  VisualRecommender,
];

/** What the decoding thread is given. */
export interface DecodeInput {
  bytes: Uint8Array;
  info: { id: string; trainedAt: number };
  eventSeq: number;
}

/** What it answers: the model (see class-transfer.ts) or why it could not be decoded. */
export type DecodeReply = { ok: true; model: unknown } | { ok: false; message: string };

/** Turns stored model bytes into a serving model. */
export type ModelDecoder = (input: DecodeInput) => Promise<ServingModel>;

/** Decodes on a worker thread; `bytes` is transferred to it (unusable here afterwards). */
export const decodeOffThread: ModelDecoder = async (input) => {
  const worker = startModuleThread(import.meta.url, 'model-decode-worker', {
    workerData: input,
    transferList: [input.bytes.buffer as ArrayBuffer],
  });
  try {
    const reply = await new Promise<DecodeReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the model decoding thread stopped (exit code ${code})`)));
    });
    if (!reply.ok) throw new Error(`the recommendation model could not be decoded: ${reply.message}`);
    return fromTransfer<ServingModel>(reply.model, MODEL_CLASSES);
  } finally {
    await worker.terminate();
  }
};
