/**
 * Offline evaluation on the store's own log: each customer's last interaction is held out, every model is
 * fitted on the rest and ranks the whole catalogue for a seeded sample of customers. The metric table is
 * kept in the meta table so the console can show it beside the serving model.
 */
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import type { TrainingWindowLimits } from '../../store/repositories/training-log-repository.js';
import { evaluateRanking } from '../evaluate/evaluate.js';
import { leaveLastOut } from '../evaluate/splits.js';
import type { ItemText } from '../recommenders/content-recommender.js';
import { readLogColumns } from './log-columns.js';
import { createEvalModel, defaultEvalModels } from './offline-evaluation.js';
import { activeItemImages, itemText } from './recommend-trainer.js';

/** Where the latest evaluation is stored. */
export const EVALUATION_META_KEY = 'recommend.evaluation';
/** Customers ranked per model unless told otherwise: enough for stable figures, quick on any store. */
export const DEFAULT_EVAL_USERS = 2000;
const K = 10;
const SEED = 42;

/** One model's row of the table. */
export interface StoreEvaluationRow {
  model: string;
  hr: number;
  ndcg: number;
  precision: number;
  recall: number;
  mrr: number;
  map: number;
  coverage: number;
  fitSeconds: number;
}

/** A stored evaluation. */
export interface StoreEvaluation {
  evaluatedAt: number;
  protocol: 'leave-last-out';
  k: number;
  seed: number;
  maxUsers: number;
  /** Customers (and anonymous visitors) ranked per model. */
  users: number;
  interactions: number;
  items: number;
  /** Log position evaluated up to. */
  eventSeq: number;
  rows: StoreEvaluationRow[];
}

/** Options of a run. */
export interface StoreEvaluationOptions {
  maxUsers?: number;
  /**
   * Models to compare (names as `daogou evaluate --models`); default all ("visual" only once item images
   * have vectors), the default pipeline last.
   */
  models?: readonly string[];
  /**
   * The window of the log read, as training reads it (`DAOGOU_TRAIN_MAX_EVENTS`, `DAOGOU_TRAIN_WINDOW_DAYS`), so
   * an evaluation of a 50M-event log costs what training does; default the whole log.
   */
  limits?: TrainingWindowLimits;
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
}

/** Runs the evaluation on the store's log and stores the table; returns it. */
export async function evaluateStore(
  store: Store,
  clock: Clock,
  options: StoreEvaluationOptions = {},
): Promise<StoreEvaluation> {
  const maxUsers = options.maxUsers ?? DEFAULT_EVAL_USERS;
  const progress = options.onProgress ?? (() => undefined);
  const texts = new Map<string, ItemText>();
  for await (const r of store.items.all()) if (r.active) texts.set(r.id, itemText(r));
  const images = await activeItemImages(store, texts);
  const models = options.models ?? defaultEvalModels({ images });
  await progress(0, 'reading the event log');
  const cols = await readLogColumns(store, [...texts.keys()], options.limits ? { limits: options.limits } : {});
  if (cols.log.size === 0) throw new Error('no interactions to evaluate on: import or track events first');
  const split = leaveLastOut(cols.log, 0);
  const data = { log: cols.log, texts, images, defaultProtocol: 'leave-last-out' as const };
  const rows: StoreEvaluationRow[] = [];
  let users = 0;
  for (const [n, name] of models.entries()) {
    await progress(0.1 + (0.9 * n) / models.length, `fitting and ranking with ${name}`);
    const model = createEvalModel(name, data, 'leave-last-out');
    const started = performance.now();
    model.fit(split.train);
    const fitSeconds = (performance.now() - started) / 1000;
    const m = evaluateRanking((h, out) => model.score(h, out), split, { k: K, maxUsers, seed: SEED });
    users = m.users;
    rows.push({
      model: name,
      hr: m.hr,
      ndcg: m.ndcg,
      precision: m.precision,
      recall: m.recall,
      mrr: m.mrr,
      map: m.map,
      coverage: m.coverage,
      fitSeconds,
    });
  }
  const evaluation: StoreEvaluation = {
    evaluatedAt: clock(),
    protocol: 'leave-last-out',
    k: K,
    seed: SEED,
    maxUsers,
    users,
    interactions: cols.log.size,
    items: cols.log.numItems,
    eventSeq: cols.lastSeq,
    rows,
  };
  await store.meta.set(EVALUATION_META_KEY, JSON.stringify(evaluation), evaluation.evaluatedAt);
  await progress(1, `evaluated ${rows.length} models on ${users} customers`);
  return evaluation;
}

/** The latest stored evaluation, if any. */
export async function latestEvaluation(store: Store): Promise<StoreEvaluation | null> {
  const raw = await store.meta.get(EVALUATION_META_KEY);
  return raw === undefined ? null : (JSON.parse(raw) as StoreEvaluation);
}
