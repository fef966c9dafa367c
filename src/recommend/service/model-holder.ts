/**
 * Holds the model being served: loads the newest artifact on first use (decoded on a worker thread),
 * notices newer ones with a cheap poll (so every API process picks up a model trained elsewhere), and
 * before any model exists serves popularity computed from the log. An API process serves that popularity
 * while its first model is still loading, rather than hold requests for seconds (see {@link serveWhileLoading}).
 */
import type { Clock } from '../../platform/clock.js';
import { CandidateScorer } from '../candidate-scorer.js';
import type { Recommender } from '../recommender.js';
import type { Store } from '../../store/store.js';
import type { CatalogueCache, IndexedCatalogue } from './catalogue-cache.js';
import { decodeOffThread, type ModelDecoder } from './model-decode-thread.js';
import type { ServingModel } from './recommend-model.js';
import { recentPopularity } from './recent-popularity.js';
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
  /** Popularity lists' items best first, each sorted on its first use (select-candidates.ts). */
  orders: WeakMap<Float32Array, Int32Array>;
  /** Review ranking factor per model item (only with the opt-in feature), and the reading it came from. */
  reviewFactors?: { version: number; factors: Float32Array };
}

/** Components asked for an explanation per item. */
const EXPLAINERS = 2;

/** Whether the first model is loaded, and if not why. */
export interface ModelReadiness {
  ready: boolean;
  /** Why not, in words (for /ready). */
  reason?: string;
}

/** The current model and how to refresh it. */
export class ModelHolder {
  private current: LoadedModel | undefined;
  private loading: Promise<LoadedModel> | undefined;
  /** The log's popularity, served while the first model loads (with {@link serveWhileLoading}). */
  private interim: Promise<LoadedModel> | undefined;
  /** Why the last load failed (cleared by the next one that succeeds). */
  private failure: string | undefined;
  /**
   * Answer from the log's popularity while the first model loads instead of waiting for it (an API process:
   * its balancer keeps traffic away until /ready, and a request that comes anyway gets a list at once). Off
   * for in-process callers (CLI, jobs), which wait for the model.
   */
  serveWhileLoading = false;
  private refreshing: Promise<void> | undefined;
  private lastPoll = 0;
  /** Whether the model served is popularity read from a log with no events yet. */
  private liveFromEmptyLog = false;

  constructor(
    private readonly store: Store,
    private readonly catalogue: CatalogueCache,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => {},
    private decode: ModelDecoder = decodeOffThread,
  ) {}

  /** Decodes the models loaded from now on with `decoder`. */
  decodeWith(decoder: ModelDecoder): void {
    this.decode = decoder;
  }

  /**
   * Whether the first model (or, with none stored, the log's popularity) is loaded. After a failed load each
   * call starts another: while a balancer keeps traffic away from a process that is not ready, its readiness
   * probe is what asks again.
   */
  readiness(): ModelReadiness {
    if (this.current) return { ready: true };
    if (this.failure === undefined) return { ready: false, reason: 'the recommendation model is loading' };
    const reason = `the recommendation model failed to load: ${this.failure}`;
    if (!this.loading) this.startLoading().catch((error: unknown) => this.onError(error));
    return { ready: false, reason };
  }

  /** Starts loading the first model if nothing has yet; resolves when it is served. */
  private startLoading(): Promise<LoadedModel> {
    this.loading ??= this.loadInitial()
      .then((loaded) => {
        this.failure = undefined;
        // A model trained in this process meanwhile (use) is newer than the stored one read here.
        this.current ??= loaded;
        return this.current;
      })
      .catch((error: unknown) => {
        this.failure = error instanceof Error ? error.message : String(error);
        throw error;
      })
      .finally(() => {
        this.loading = undefined;
        this.interim = undefined;
      });
    return this.loading;
  }

  /** The model to serve now; starts a background check for a newer one when due. */
  async get(): Promise<LoadedModel> {
    // Popularity read from an empty log (a store warmed before its first import) is read again as soon as
    // events exist: its time to live alone would serve empty lists for a minute, or forever on a frozen clock.
    if (this.current && this.liveFromEmptyLog && !this.loading && (await this.store.events.scan(0, 1)).length > 0) {
      // Replaced in place: the process stays ready meanwhile.
      this.loading ??= this.loadInitial().finally(() => (this.loading = undefined));
      this.current = await this.loading;
    }
    if (!this.current) {
      const loading = this.startLoading();
      if (this.serveWhileLoading) {
        // The first model's load goes on; its failure is reported by readiness() and retried by the next call.
        loading.catch((error: unknown) => this.onError(error));
        this.interim ??= this.livePopularity().then((m) => this.wrap(m.model));
        return this.interim;
      }
      await loading;
    }
    const now = this.clock();
    if (now - this.lastPoll >= POLL_MS && !this.refreshing) {
      this.lastPoll = now;
      this.refreshing = this.refresh()
        .catch((e) => this.onError(e))
        .finally(() => (this.refreshing = undefined));
    }
    const cur = this.current!;
    if (cur.catalogue.version !== this.catalogue.version)
      cur.catalogue = this.catalogue.current(cur.catalogue, cur.model.itemIds, cur.index);
    return cur;
  }

  /** Serves a model trained in this process at once. */
  use(model: ServingModel): void {
    this.current = this.wrap(model);
  }

  /** The model itself, waiting for the first load even when {@link serveWhileLoading} (erasure, status). */
  async model(): Promise<LoadedModel> {
    if (!this.current) await this.startLoading();
    return this.get();
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
    return model ? this.wrap(model) : this.servedPopularity();
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
      this.current = await this.servedPopularity();
    }
  }

  /**
   * The log's popularity as the model to serve, noting whether the log was empty (then it is read again as soon
   * as events exist). The interim list served while a first model loads does not note it: it is not served after.
   */
  private async servedPopularity(): Promise<LoadedModel> {
    const live = await this.livePopularity();
    this.liveFromEmptyLog = live.empty;
    return this.wrap(live.model);
  }

  private async loadArtifact(id: string): Promise<ServingModel | undefined> {
    const artifact = await this.store.modelArtifacts.get(id);
    return artifact
      ? this.decode({ bytes: artifact.bytes, info: { id, trainedAt: artifact.trainedAt }, eventSeq: artifact.eventSeq })
      : undefined;
  }

  /** Decayed popularity of the newest events (a bounded read), over the catalogue's items. */
  private async livePopularity(): Promise<{ model: ServingModel; empty: boolean }> {
    await this.catalogue.ensureLoaded();
    const live = await recentPopularity(this.store, this.catalogue.ids());
    const model: ServingModel = {
      info: null,
      itemIds: live.itemIds,
      pipeline: null,
      boughtTogether: null,
      popularity: live.popularity,
      eventSeq: 0,
      precomputed: null,
      rebuy: null,
    };
    return { model, empty: live.empty };
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
      orders: new WeakMap(),
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
