/**
 * Holds the model being served: loads the newest artifact on first use, notices newer ones with a
 * cheap poll (so every API process picks up a model trained elsewhere), and before any model exists
 * serves popularity computed from the log.
 */
import type { Clock } from '../../platform/clock.js';
import { CandidateScorer } from '../candidate-scorer.js';
import type { Recommender } from '../recommender.js';
import type { Store } from '../../store/store.js';
import type { CatalogueCache, IndexedCatalogue } from './catalogue-cache.js';
import { popularityVectors, readLogColumns } from './log-columns.js';
import { unpackServingModel } from './recommend-model.js';
import type { ServingModel } from './recommend-model.js';
import { RECOMMEND_ARTIFACT_KIND } from './recommend-trainer.js';

/** How often the newest artifact's id is checked. */
const POLL_MS = 5000;
/** How long log-based popularity (no model yet) is reused before it is recomputed. */
const LIVE_TTL_MS = 60_000;

/** A model ready to serve, with its catalogue view and per-request scratch buffers. */
export interface LoadedModel {
  model: ServingModel;
  index: ReadonlyMap<string, number>;
  catalogue: IndexedCatalogue;
  /** Reused per request: scores and an exclusion mask over the model's items (no await between fill and use). */
  scores: Float32Array;
  mask: Uint8Array;
  loadedAt: number;
  /** Row of each customer in the model's precomputed lists. */
  precomputedRow: ReadonlyMap<string, number>;
  /** Live scoring of candidates (null without a trained pipeline). */
  scorer: CandidateScorer | null;
  /** Components asked for "because you …" per item, strongest weight first. */
  explainers: readonly Recommender[];
  /** Review ranking factor per model item (only with the opt-in feature), and the reading it came from. */
  reviewFactors?: { version: number; factors: Float32Array };
}

/** Components asked for an explanation per item. */
const EXPLAINERS = 2;

/** The current model and how to refresh it. */
export class ModelHolder {
  private current: LoadedModel | undefined;
  private loading: Promise<LoadedModel> | undefined;
  private refreshing: Promise<void> | undefined;
  private lastPoll = 0;
  /** Whether the model served is popularity read from a log with no events yet. */
  private liveFromEmptyLog = false;

  constructor(
    private readonly store: Store,
    private readonly catalogue: CatalogueCache,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** The model to serve now; starts a background check for a newer one when due. */
  async get(): Promise<LoadedModel> {
    // Popularity read from an empty log (a store warmed before its first import) is read again as soon as
    // events exist: its time to live alone would serve empty lists for a minute, or forever on a frozen clock.
    if (this.current && this.liveFromEmptyLog && !this.loading && (await this.store.events.scan(0, 1)).length > 0)
      this.current = undefined;
    if (!this.current) {
      this.loading ??= this.loadInitial().finally(() => (this.loading = undefined));
      this.current = await this.loading;
    }
    const now = this.clock();
    if (now - this.lastPoll >= POLL_MS && !this.refreshing) {
      this.lastPoll = now;
      this.refreshing = this.refresh()
        .catch((e) => this.onError(e))
        .finally(() => (this.refreshing = undefined));
    }
    const cur = this.current;
    if (cur.catalogue.version !== this.catalogue.version)
      cur.catalogue = this.catalogue.current(cur.catalogue, cur.model.itemIds, cur.index);
    return cur;
  }

  /** Serves a model trained in this process at once. */
  use(model: ServingModel): void {
    this.current = this.wrap(model);
  }

  /** Waits for a background refresh, if one is running (tests, shutdown). */
  async settle(): Promise<void> {
    await this.refreshing;
  }

  private async loadInitial(): Promise<LoadedModel> {
    await this.catalogue.ensureLoaded();
    const info = await this.store.modelArtifacts.latestInfo(RECOMMEND_ARTIFACT_KIND);
    this.lastPoll = this.clock();
    const model = info ? await this.loadArtifact(info.id) : undefined;
    return this.wrap(model ?? (await this.livePopularity()));
  }

  private async refresh(): Promise<void> {
    const info = await this.store.modelArtifacts.latestInfo(RECOMMEND_ARTIFACT_KIND);
    const cur = this.current;
    if (info && info.id !== cur?.model.info?.id && info.trainedAt >= (cur?.model.info?.trainedAt ?? 0)) {
      const model = await this.loadArtifact(info.id);
      // Catalogue edits made through other processes reach this one at least with every new model.
      await this.catalogue.reload();
      if (model) this.current = this.wrap(model);
    } else if (!info && cur && this.clock() - cur.loadedAt > LIVE_TTL_MS) {
      this.current = this.wrap(await this.livePopularity());
    }
  }

  private async loadArtifact(id: string): Promise<ServingModel | undefined> {
    const artifact = await this.store.modelArtifacts.get(id);
    return artifact
      ? unpackServingModel(artifact.bytes, { id, trainedAt: artifact.trainedAt }, artifact.eventSeq)
      : undefined;
  }

  /** Decayed popularity straight from the log, over the catalogue's items. */
  private async livePopularity(): Promise<ServingModel> {
    const cols = await readLogColumns(this.store, this.catalogue.ids());
    this.liveFromEmptyLog = cols.log.weights.length === 0;
    return {
      info: null,
      itemIds: cols.log.itemIds,
      pipeline: null,
      boughtTogether: null,
      popularity: popularityVectors(cols),
      eventSeq: 0,
      precomputed: null,
      rebuy: null,
    };
  }

  private wrap(model: ServingModel): LoadedModel {
    if (model.info !== null) this.liveFromEmptyLog = false;
    const n = model.itemIds.length;
    return {
      model,
      index: new Map(model.itemIds.map((id, i) => [id, i])),
      catalogue: this.catalogue.indexed(model.itemIds),
      scores: new Float32Array(n),
      mask: new Uint8Array(n),
      loadedAt: this.clock(),
      precomputedRow: new Map((model.precomputed?.userIds ?? []).map((id, row) => [id, row])),
      scorer: model.pipeline ? new CandidateScorer(model.pipeline) : null,
      explainers: explainersOf(model),
    };
  }
}

/** The explaining components with the largest weights. */
function explainersOf(model: ServingModel): Recommender[] {
  const p = model.pipeline;
  if (!p) return [];
  return p.models
    .map((m, i) => ({ m, w: p.weights[i] ?? 0 }))
    .filter((x) => x.w > 0 && x.m.explain !== undefined)
    .sort((a, b) => b.w - a.w)
    .slice(0, EXPLAINERS)
    .map((x) => x.m);
}
