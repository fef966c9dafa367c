/** Trains the serving model from the store (log + catalogue) and stores it as an artifact. */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import type { Store } from '../../store/store.js';
import type { TrainingWindowLimits } from '../../store/repositories/training-log-repository.js';
import type { ItemText } from '../recommenders/content-recommender.js';
import { readLogColumns } from './log-columns.js';
import { fitOnWorkerThread } from './fit-thread.js';
import { unpackServingModel } from './recommend-model.js';
import type { ServingModel, TrainMetrics } from './recommend-model.js';

/** Items read per query while training. */
const PAGE = 500;

/** The artifact kind of recommendation models. */
export const RECOMMEND_ARTIFACT_KIND = 'recommend';

/** Reports training progress: a fraction in 0..1 and what is happening. */
export type TrainProgress = (fraction: number, message: string) => void | Promise<void>;

/** What a training run produced. */
export interface TrainResult {
  /** Null when there was nothing to train on. */
  modelId: string | null;
  trainedAt: number;
  eventSeq: number;
  metrics: TrainMetrics | null;
  /** Why no model was stored, when none was. */
  skipped?: string;
  /** The fitted model (not stored in job results; lets the caller serve it at once). */
  model?: ServingModel;
}

/** Item text for the content model (title, brand, category path, attributes, tags, description). */
export function itemText(r: ItemRecord): ItemText {
  const attributes: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r.attributes)) {
    if (typeof v === 'string' || typeof v === 'number') attributes[k] = v;
    else if (Array.isArray(v)) attributes[k] = v.join(' ');
    else if (v === true) attributes[k] = k;
  }
  return {
    title: r.title,
    ...(r.description ? { description: r.description } : {}),
    ...(r.category ? { category: r.category.split('/').filter(Boolean) } : {}),
    ...(r.brand ? { brand: r.brand } : {}),
    attributes,
    tags: r.tags,
  };
}

/** Trains from the catalogue and a window of the newest events in the store. */
export class RecommendTrainer {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** The window of the log trained on (default: all of it); see docs/scale.md, "Training on a window". */
    public limits: TrainingWindowLimits = { maxEvents: null, maxAgeMs: null },
  ) {}

  /**
   * Reads the catalogue and the log, fits on a worker thread (so a process that also serves requests
   * keeps serving them), and stores the artifact (progress: read 0–0.3, fit 0.3–0.95).
   */
  async train(progress: TrainProgress = () => {}): Promise<TrainResult> {
    let stage = 0;
    // Reported as each stage starts, which also keeps a job's lock alive through a long fit.
    let reported = Promise.resolve();
    let reportFailure: { error: unknown } | undefined;
    const onStage = (m: string) => {
      const fraction = Math.min(0.95, 0.3 + 0.04 * ++stage);
      // Caught at once (an unhandled rejection would end the process); rethrown once the fit is over.
      reported = reported
        .then(() => progress(fraction, m))
        .catch((error: unknown) => void (reportFailure ??= { error }));
    };
    const started = await this.readAndStartFit(progress, onStage);
    const trainedAt = this.clock();
    const { lastSeq } = started;
    if (!started.fitted)
      return { modelId: null, trainedAt, eventSeq: lastSeq, metrics: null, skipped: 'no events to learn from' };
    const fitted = await started.fitted.finally(() => reported);
    if (reportFailure) throw reportFailure.error;
    const { bytes, metrics } = fitted;
    await progress(0.95, 'storing the model');
    const id = `rm_${trainedAt.toString(36)}_${randomUUID().slice(0, 8)}`;
    await this.store.modelArtifacts.save({
      id,
      kind: RECOMMEND_ARTIFACT_KIND,
      bytes,
      metrics: { ...metrics, bytes: bytes.byteLength },
      eventSeq: lastSeq,
      trainedAt,
    });
    // Served from the stored bytes, exactly as every other process will load it.
    const model = unpackServingModel(bytes, { id, trainedAt }, lastSeq);
    await progress(1, `stored model ${id} (${(bytes.byteLength / 1e6).toFixed(1)} MB)`);
    return { modelId: id, trainedAt, eventSeq: lastSeq, metrics, model };
  }

  /**
   * Reads the catalogue's texts and images and the window of the log, and starts fitting on them (progress:
   * read 0–0.3). Returns once the fit threads have their copies, keeping none of what it read: the caller
   * awaits the fit without holding the log, the texts or the user ids (at 1,000,000 customers, hundreds of
   * MB that stayed alive through a half-hour fit and the model's storing after it).
   */
  private async readAndStartFit(
    progress: TrainProgress,
    onStage: (message: string) => void,
  ): Promise<{ lastSeq: number; fitted?: Promise<{ bytes: Uint8Array; metrics: TrainMetrics }> }> {
    const texts = new Map<string, ItemText>();
    let seen = 0;
    for await (const r of this.store.items.all(PAGE)) {
      if (r.active) texts.set(r.id, itemText(r));
      // Let requests in between pages: the store answers synchronously on SQLite.
      if (++seen % PAGE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await progress(0, 'reading the log');
    const cols = await readLogColumns(this.store, [...texts.keys()], {
      limits: this.limits,
      // `positions` bounds the events from above (skipped positions, events outside an age bound).
      onPage: (read, positions) =>
        progress(Math.min(0.3, (0.3 * read) / Math.max(1, positions)), `read ${read} of at most ${positions} events`),
    });
    if (cols.log.size === 0) return { lastSeq: cols.lastSeq };
    await progress(0.3, `fitting on ${cols.log.size} interactions`);
    const images = await activeItemImages(this.store, texts);
    return { lastSeq: cols.lastSeq, fitted: fitOnWorkerThread(cols, texts, onStage, images) };
  }
}

/** The vision index's vector of every active item that has one (for the "looks similar" model). */
export async function activeItemImages(
  store: Store,
  active: ReadonlyMap<string, unknown>,
): Promise<Map<string, Float32Array>> {
  const images = await store.imageFeatures.latestItemEmbeddings();
  for (const id of images.keys()) if (!active.has(id)) images.delete(id);
  return images;
}
