/** A trained recommendation model as served: the pipeline, bought-together rules and popularity lists. */
import { getArray, pack, unpack } from '../../math/pack.js';
import type { PackedArray } from '../../math/pack.js';
import { CandidateScorer } from '../candidate-scorer.js';
import { DefaultPipeline, type BlendChoice } from '../default-pipeline.js';
import type { InteractionLog } from '../interaction-log.js';
import { BoughtTogetherRecommender } from '../recommenders/bought-together-recommender.js';
import type { ItemText } from '../recommenders/content-recommender.js';
import { storePipelineOptions } from '../pipeline-options.js';
import { rebuyShares } from '../rebuy.js';
import type { LogColumns, PopularityVectors } from './log-columns.js';
import { popularityVectors } from './log-columns.js';

/** What serving needs; `pipeline` is null before any model was trained (popularity only). */
export interface ServingModel {
  /** The artifact's id and training time, null for the live popularity fallback. */
  info: { id: string; trainedAt: number } | null;
  /** External item ids by index; every vector below uses this index. */
  itemIds: readonly string[];
  pipeline: DefaultPipeline | null;
  boughtTogether: BoughtTogetherRecommender | null;
  popularity: PopularityVectors;
  /** Log position the model was trained up to (0 for the live fallback). */
  eventSeq: number;
  /** Each known customer's list at training time, for customers without newer events. */
  precomputed: PrecomputedLists | null;
  /** Per item, the share of its buyers who bought it again (rebuy.ts); null for older models. */
  rebuy: Float32Array | null;
}

/** Top candidates per customer computed at training time (rows of `width`, unused slots hold -1). */
export interface PrecomputedLists {
  userIds: readonly string[];
  width: number;
  items: Int32Array;
  scores: Float32Array;
}

/** Candidates precomputed per customer: enough for k = 10 after the request's exclusions. */
const PRECOMPUTED_WIDTH = 60;

/**
 * Customers given a precomputed list, the most recently active first; the others are scored when they ask, as
 * customers with events newer than the model are. Each list costs 480 bytes in the model every API process
 * holds, and about 0.2 ms of training: at 1,000,000 customers that was ~0.5 GB a process (docs/scale.md).
 */
export const PRECOMPUTED_MAX_CUSTOMERS = 200_000;

/** Training metrics stored with an artifact. */
export interface TrainMetrics {
  users: number;
  items: number;
  interactions: number;
  /** Validation NDCG@10 of the chosen blend (null when not validated). */
  validationNdcg: number | null;
  weights: Record<string, number>;
  seconds: number;
  /** How the blend was validated: the protocol, why, the measured log shape and the hyperparameters chosen. */
  validation?: ValidationSummary;
}

/** The validation part of a model's status. */
export interface ValidationSummary {
  protocol: BlendChoice['protocol'];
  reason: string;
  shape?: BlendChoice['shape'];
  tuning?: BlendChoice['tuning'];
}

/** The status-facing summary of a blend choice. */
export function validationSummary(choice: BlendChoice): ValidationSummary {
  return {
    protocol: choice.protocol,
    reason: choice.reason,
    ...(choice.shape ? { shape: choice.shape } : {}),
    ...(choice.tuning ? { tuning: choice.tuning } : {}),
  };
}

export { VALIDATION_MIN_USERS } from '../pipeline-options.js';

/** The serving pipeline for a log: the same options as `daogou recommend` (pipeline-options.ts). */
function servingPipeline(
  log: InteractionLog,
  itemTexts: ReadonlyMap<string, ItemText>,
  onProgress: (message: string) => void,
  itemImages?: ReadonlyMap<string, Float32Array>,
): DefaultPipeline {
  return new DefaultPipeline(storePipelineOptions(log, itemTexts, onProgress, itemImages));
}

/** The serving pipeline's blend weights for a log (the half of a fit that {@link fitServingModel} can be given). */
export function chooseServingWeights(
  cols: LogColumns,
  itemTexts: ReadonlyMap<string, ItemText>,
  onProgress: (message: string) => void = () => {},
  itemImages?: ReadonlyMap<string, Float32Array>,
): BlendChoice {
  return servingPipeline(cols.log, itemTexts, onProgress, itemImages).chooseWeights(cols.log);
}

/**
 * Fits the default pipeline (with item texts for the content model and image vectors for the visual one) and
 * the bought-together rules. The blend
 * weights are chosen here first, or, when `weights` is given, come from elsewhere (another thread choosing
 * them while this one fits the components).
 */
export async function fitServingModel(
  cols: LogColumns,
  itemTexts: ReadonlyMap<string, ItemText>,
  onProgress: (message: string) => void = () => {},
  weights?: Promise<BlendChoice>,
  itemImages?: ReadonlyMap<string, Float32Array>,
): Promise<{ model: ServingModel; metrics: TrainMetrics }> {
  const started = performance.now();
  const { log } = cols;
  const pipeline = servingPipeline(log, itemTexts, onProgress, itemImages);
  const chosen = weights ?? Promise.resolve(pipeline.chooseWeights(log));
  // When validation picks hyperparameters, the components are fitted with them, so the choice comes first.
  if (pipeline.tunes(log)) pipeline.fitComponents(log, await chosen);
  else pipeline.fitComponents(log);
  onProgress('fit: bought-together');
  const boughtTogether = new BoughtTogetherRecommender({ eventTypes: ['purchase'], basketGapSeconds: 3600 });
  // Baskets are orders where events carry an order id, purchases within an hour where they do not.
  boughtTogether.fitBaskets(log, cols.orders);
  const model: ServingModel = {
    info: null,
    itemIds: log.itemIds,
    pipeline,
    boughtTogether,
    popularity: popularityVectors(cols),
    eventSeq: cols.lastSeq,
    precomputed: null,
    rebuy: rebuyShares(log),
  };
  const choice = await chosen;
  pipeline.useWeights(choice);
  onProgress('precomputing lists per customer');
  model.precomputed = precomputeLists(log, pipeline, PRECOMPUTED_WIDTH);
  const metrics: TrainMetrics = {
    users: log.numUsers,
    items: log.numItems,
    interactions: log.size,
    validationNdcg: Number.isFinite(pipeline.validationNdcg) ? pipeline.validationNdcg : null,
    weights: Object.fromEntries(pipeline.models.map((m, c) => [`${c}:${m.name}`, pipeline.weights[c] ?? 0])),
    seconds: (performance.now() - started) / 1000,
    validation: validationSummary(choice),
  };
  return { model, metrics };
}

/**
 * Scores every customer's training history once (as Gorse keeps offline lists): a request for a customer
 * with no event newer than the model then skips scoring. Items in the history are left out. Anonymous
 * visitors are skipped: their ids rarely come back. Lists come from candidate scoring, as live requests
 * do (the same top 10 as scoring the whole catalogue on Amazon Beauty, candidate-scorer.test.ts), at
 * about a quarter of the cost: full scoring here took 44 of a 94 s training.
 */
export function precomputeLists(
  log: InteractionLog,
  pipeline: DefaultPipeline,
  width: number,
  maxCustomers = PRECOMPUTED_MAX_CUSTOMERS,
): PrecomputedLists {
  let users: number[] = [];
  for (let u = 0; u < log.numUsers; u++) if (!log.userIds[u]!.startsWith('anon:')) users.push(u);
  if (users.length > maxCustomers) {
    // The most recently active first (a user's events are in time order: the last is the newest), then in
    // index order again so the lists keep the log's order of customers.
    const last = (u: number) => log.timestamps[log.userPtr[u + 1]! - 1]!;
    users = users
      .sort((a, b) => last(b) - last(a) || a - b)
      .slice(0, maxCustomers)
      .sort((a, b) => a - b);
  }
  const items = new Int32Array(users.length * width).fill(-1);
  const scores = new Float32Array(users.length * width);
  const scorer = new CandidateScorer(pipeline);
  users.forEach((u, row) => {
    const top = scorer.score(log.history(u), undefined, width);
    items.set(top.indices, row * width);
    scores.set(top.scores, row * width);
  });
  return { userIds: users.map((u) => log.userIds[u]!), width, items, scores };
}

/** Serialises a trained model into one artifact. */
export function packServingModel(model: ServingModel): Uint8Array {
  if (!model.pipeline || !model.boughtTogether) throw new Error('only a trained model can be saved');
  const arrays: Record<string, PackedArray> = {
    pipeline: model.pipeline.save(),
    boughtTogether: model.boughtTogether.save(),
    trending: model.popularity.trending,
  };
  if (model.rebuy) arrays.rebuy = model.rebuy;
  const channels = [...model.popularity.byChannel.keys()];
  channels.forEach((c, i) => (arrays[`channel${i}`] = model.popularity.byChannel.get(c)!));
  const pre = model.precomputed;
  if (pre) {
    arrays.preItems = pre.items;
    arrays.preScores = pre.scores;
  }
  const preMeta = pre ? { preUsers: pre.userIds, preWidth: pre.width } : {};
  return pack({ format: 'daogou-recommend', version: 1, channels, ...preMeta }, arrays);
}

/** Restores a model written by {@link packServingModel}. */
export function unpackServingModel(
  bytes: Uint8Array,
  info: { id: string; trainedAt: number },
  eventSeq: number,
): ServingModel {
  const { meta, arrays } = unpack<{ format?: string; channels: string[]; preUsers?: string[]; preWidth?: number }>(
    bytes,
  );
  if (meta.format !== 'daogou-recommend') throw new Error('not a Daogou recommendation model');
  const pipeline = DefaultPipeline.load(getArray(arrays, 'pipeline', Uint8Array));
  return {
    info,
    itemIds: pipeline.itemIds,
    pipeline,
    boughtTogether: BoughtTogetherRecommender.load(getArray(arrays, 'boughtTogether', Uint8Array)),
    popularity: {
      trending: getArray(arrays, 'trending', Float32Array),
      byChannel: new Map(meta.channels.map((c, i) => [c, getArray(arrays, `channel${i}`, Float32Array)])),
    },
    eventSeq,
    rebuy: arrays.rebuy instanceof Float32Array ? arrays.rebuy : null,
    precomputed:
      meta.preUsers && meta.preWidth
        ? {
            userIds: meta.preUsers,
            width: meta.preWidth,
            items: getArray(arrays, 'preItems', Int32Array),
            scores: getArray(arrays, 'preScores', Float32Array),
          }
        : null,
  };
}

/**
 * A packed model without the precomputed lists of some customers (GDPR erasure): their ids are blanked
 * and their rows emptied. Returns null when the model holds none of them. Item-side parts hold no ids.
 */
export function forgetInPackedModel(bytes: Uint8Array, customerIds: ReadonlySet<string>): Uint8Array | null {
  const { meta, arrays } = unpack<{ preUsers?: string[]; preWidth?: number } & Record<string, unknown>>(bytes);
  const users = meta.preUsers;
  if (!users || !meta.preWidth || !users.some((u) => customerIds.has(u))) return null;
  const items = getArray(arrays, 'preItems', Int32Array).slice();
  const scores = getArray(arrays, 'preScores', Float32Array).slice();
  const width = meta.preWidth;
  const kept = users.map((u, row) => {
    if (!customerIds.has(u)) return u;
    items.fill(-1, row * width, (row + 1) * width);
    scores.fill(0, row * width, (row + 1) * width);
    return '';
  });
  return pack({ ...meta, preUsers: kept }, { ...arrays, preItems: items, preScores: scores });
}
