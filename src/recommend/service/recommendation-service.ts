/**
 * Serves recommendations: for a customer (from their latest events, read per request, so a new view
 * changes the next list without retraining), similar items, bought together, trending and anonymous
 * sessions. Each response gets an id and is logged, so events carrying that id are attributed to it.
 */
import { DAY_MS, NotFoundError, type Item } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { ItemService } from '../../platform/item-service.js';
import type { ReviewSignals } from '../../platform/review-signals.js';
import type { RecentInteraction } from '../../store/repositories/event-repository.js';
import type { SurfaceAttribution } from '../../store/repositories/recommendation-log-repository.js';
import type { TrainingWindowLimits } from '../../store/repositories/training-log-repository.js';
import type { Store } from '../../store/store.js';
import { CatalogueCache } from './catalogue-cache.js';
import { historyFromEvents } from './history-from-events.js';
import { ModelHolder } from './model-holder.js';
import type { LoadedModel, ModelReadiness } from './model-holder.js';
import type { ModelDecoder } from './model-decode-thread.js';
import { PersonalRanker, precomputedList } from './personal-ranking.js';
import { forgetInPackedModel } from './recommend-model.js';
import { boughtTogetherWith, popularOn, similarTo, trendingIn } from './reasons.js';
import type { Reason } from './reasons.js';
import { DEFAULT_K } from './recommend-options.js';
import type { RecommendOptions } from './recommend-options.js';
import { RECOMMEND_ARTIFACT_KIND, RecommendTrainer } from './recommend-trainer.js';
import type { TrainProgress, TrainResult } from './recommend-trainer.js';
import { timeOrderedId } from './recommendation-id.js';
import { RecommendationLogger } from './recommendation-logger.js';
import { selectCandidates } from './select-candidates.js';
import type { RankedCandidate } from './select-candidates.js';

/** Where a list is shown. */
export type Surface = 'for-you' | 'similar' | 'bought-together' | 'trending' | 'session';

/** One recommended item as returned. */
export interface RecommendedItemView {
  id: string;
  score: number;
  reasons: Reason[];
  item: Item;
}

/** A recommendation response. */
export interface RecommendationResult {
  recommendationId: string;
  model: { id: string; trainedAt: number } | null;
  items: RecommendedItemView[];
}

/** Recent events read per customer request (one indexed query). */
const HISTORY_LIMIT = 100;

/** The serving side of recommendations. */
export class RecommendationService {
  private readonly catalogue: CatalogueCache;
  private readonly holder: ModelHolder;
  private readonly logger: RecommendationLogger;
  private readonly trainer: RecommendTrainer;
  private readonly ranker: PersonalRanker;
  private reviewSignals: ReviewSignals | null = null;

  constructor(
    private readonly store: Store,
    items: ItemService,
    private readonly clock: Clock,
    onError: (error: unknown) => void = () => {},
  ) {
    this.catalogue = new CatalogueCache(store);
    items.onChange(this.catalogue);
    this.holder = new ModelHolder(store, this.catalogue, clock, onError);
    this.logger = new RecommendationLogger(store, onError);
    this.trainer = new RecommendTrainer(store, clock);
    this.ranker = new PersonalRanker(this.catalogue, clock);
  }

  /** Bounds the window of the log training reads (config: `DAOGOU_TRAIN_MAX_EVENTS`, `DAOGOU_TRAIN_WINDOW_DAYS`). */
  limitTraining(limits: TrainingWindowLimits): void {
    this.trainer.limits = limits;
  }

  /** Turns on review signals as a ranking feature (opt-in: `DAOGOU_REVIEW_RANKING`). */
  useReviewSignals(signals: ReviewSignals | null): void {
    this.reviewSignals = signals;
  }

  /**
   * Serve the log's popularity (`model: null`) while the first model loads, instead of waiting for it: an
   * API process calls this at start, and its /ready says when the model is in (see {@link readiness}).
   */
  serveWhileLoading(): void {
    this.holder.serveWhileLoading = true;
  }

  /** How stored models are decoded (by default on a worker thread; a test holds a load open with this). */
  decodeModelsWith(decoder: ModelDecoder): void {
    this.holder.decodeWith(decoder);
  }

  /** Whether the first model is loaded (an API process is ready for recommendation traffic), and if not why. */
  readiness(): ModelReadiness {
    return this.holder.readiness();
  }

  /**
   * The serving model, with its review factors brought up to date when the feature is on; `wait` waits for the
   * first model even when popularity is served meanwhile.
   */
  private async load(wait = false): Promise<LoadedModel> {
    const loaded = await (wait ? this.holder.model() : this.holder.get());
    if (!this.reviewSignals) {
      delete loaded.reviewFactors;
      return loaded;
    }
    const f = await this.reviewSignals.factors();
    if (loaded.reviewFactors?.version !== f.version)
      loaded.reviewFactors = {
        version: f.version,
        factors: Float32Array.from(loaded.model.itemIds, (id) => f.byItem.get(id) ?? 1),
      };
    return loaded;
  }

  /** Loads the catalogue and the newest model now (instead of on the first request). */
  async warm(): Promise<{ model: { id: string; trainedAt: number } | null }> {
    const loaded = await this.load(true);
    return { model: loaded.model.info };
  }

  /** Trains from the store, stores the artifact and serves the new model in this process at once. */
  async train(progress?: TrainProgress): Promise<TrainResult> {
    const result = await this.trainer.train(progress);
    if (result.model) {
      await this.catalogue.ensureLoaded();
      this.holder.use(result.model);
    }
    return result;
  }

  /**
   * The customer's newest events as {@link forCustomer} reads them: a caller that must check something else first
   * (may it act for the customer?) starts this beside that check and passes it on, so a request waits for one
   * database round trip instead of two in a row.
   */
  recentHistory(customerId: string): Promise<RecentInteraction[]> {
    return this.store.events.recentInteractions(customerId, HISTORY_LIMIT);
  }

  /**
   * Personal recommendations from the customer's latest events; cold customers get channel popularity. `history`
   * is a read started earlier with {@link recentHistory} for this customer (read here when absent).
   */
  async forCustomer(
    customerId: string,
    options: RecommendOptions = {},
    history?: Promise<RecentInteraction[]>,
  ): Promise<RecommendationResult> {
    const loaded = await this.load();
    const events = await (history ?? this.recentHistory(customerId));
    const h = historyFromEvents(events, loaded.index);
    const excluded = this.ranker.exclusions(loaded, options, h);
    // The newest event (and how many were read) identify the history; exclusion options change the list.
    let newest = 0;
    for (const e of events) newest = Math.max(newest, e.seq);
    // A customer with no events left (erased, or unknown) must not get a list computed from a past history.
    const trained = events.length > 0 ? precomputedList(loaded, customerId) : undefined;
    const current = trained !== undefined && newest <= loaded.model.eventSeq;
    const cacheKey = `${customerId}|${newest}|${events.length}|${options.excludePurchased ?? ''}|${options.excludeSeenDays ?? ''}|${options.exclude?.join(',') ?? ''}|${options.channel ?? ''}`;
    const { ranked, reasonsOf } = this.ranker.rank(loaded, {
      h,
      excluded,
      options,
      cacheKey,
      ...(current ? { precomputed: trained } : trained ? { extra: trained.indices } : {}),
    });
    return this.respond(loaded, 'for-you', ranked, reasonsOf, { customerId, anonymousId: null });
  }

  /** Recommendations for an anonymous session: the item ids it touched, oldest first. */
  async forSession(
    session: { itemIds: string[]; anonymousId?: string },
    options: RecommendOptions = {},
  ): Promise<RecommendationResult> {
    const loaded = await this.load();
    const now = this.clock();
    const events = session.itemIds
      .map((itemId, p) => ({
        type: 'view',
        itemId,
        timestamp: now - (session.itemIds.length - p) * 1000,
        quantity: null,
        rating: null,
        channel: options.channel ?? 'web',
      }))
      .reverse();
    const h = historyFromEvents(events, loaded.index);
    const excluded = this.ranker.exclusions(loaded, options, h);
    for (const id of session.itemIds) {
      const i = loaded.index.get(id);
      if (i !== undefined) excluded.push(i);
    }
    const { ranked, reasonsOf } = this.ranker.rank(loaded, { h, excluded, options });
    return this.respond(loaded, 'session', ranked, reasonsOf, {
      customerId: null,
      anonymousId: session.anonymousId ?? null,
    });
  }

  /** Items similar to one item (blended item-to-item models; same-category popularity for cold items). */
  async similar(itemId: string, options: RecommendOptions = {}): Promise<RecommendationResult> {
    const loaded = await this.load();
    const record = this.requireItem(itemId);
    const idx = loaded.index.get(itemId);
    const pipeline = loaded.model.pipeline;
    let scores: Float32Array | null = null;
    if (pipeline && idx !== undefined) {
      pipeline.similar(idx, loaded.scores);
      scores = loaded.scores;
    }
    const opts =
      scores || options.categories || !record.category ? options : { ...options, categories: [record.category] };
    const { ranked } = selectCandidates(loaded, {
      scores,
      fallback: loaded.model.popularity.trending,
      excluded: [...this.ids(loaded, options.exclude), ...(idx === undefined ? [] : [idx])],
      k: options.k ?? DEFAULT_K,
      options: { diversity: 0, ...opts },
    });
    const reason = similarTo(itemId, record.title);
    return this.respond(loaded, 'similar', ranked, (c) => [c.fromFallback ? this.trendingReason(loaded, c) : reason], {
      customerId: null,
      anonymousId: null,
    });
  }

  /** Items bought in the same baskets as one item (lift), then similar items, then trending. */
  async boughtTogether(itemId: string, options: RecommendOptions = {}): Promise<RecommendationResult> {
    const loaded = await this.load();
    const record = this.requireItem(itemId);
    const idx = loaded.index.get(itemId);
    const { pipeline, boughtTogether } = loaded.model;
    let scores: Float32Array | null = null;
    const partners = new Set<number>();
    if (pipeline && idx !== undefined) {
      scores = loaded.scores;
      pipeline.similar(idx, scores);
      let max = 0;
      for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!;
      if (max > 0) for (let i = 0; i < scores.length; i++) scores[i]! /= max;
      const assoc = boughtTogether?.associations(idx) ?? [];
      const maxLift = assoc[0]?.lift ?? 1;
      // Basket partners rank above every merely similar item.
      for (const a of assoc) {
        scores[a.item] = 2 + a.lift / maxLift;
        partners.add(a.item);
      }
    }
    const { ranked } = selectCandidates(loaded, {
      scores,
      fallback: loaded.model.popularity.trending,
      excluded: [...this.ids(loaded, options.exclude), ...(idx === undefined ? [] : [idx])],
      k: options.k ?? DEFAULT_K,
      options: { diversity: 0, ...options },
    });
    return this.respond(
      loaded,
      'bought-together',
      ranked,
      (c) => [
        partners.has(c.item)
          ? boughtTogetherWith(itemId, record.title)
          : c.fromFallback
            ? this.trendingReason(loaded, c)
            : similarTo(itemId, record.title),
      ],
      { customerId: null, anonymousId: null },
    );
  }

  /** What is popular lately, overall or in one channel (filters apply, e.g. a category). */
  async trending(options: RecommendOptions = {}): Promise<RecommendationResult> {
    const loaded = await this.load();
    const pop = loaded.model.popularity;
    const channelPop = options.channel === undefined ? undefined : pop.byChannel.get(options.channel);
    const { ranked } = selectCandidates(loaded, {
      scores: null,
      fallback: channelPop ?? pop.trending,
      excluded: this.ids(loaded, options.exclude),
      k: options.k ?? DEFAULT_K,
      options: { diversity: 0, ...options },
    });
    return this.respond(
      loaded,
      'trending',
      ranked,
      (c) => [channelPop ? popularOn(options.channel) : this.trendingReason(loaded, c)],
      {
        customerId: null,
        anonymousId: null,
      },
    );
  }

  /** Per surface: lists served, and clicks, purchases and revenue of events that carry their id. */
  async attribution(days: number): Promise<SurfaceAttribution[]> {
    await this.logger.flush();
    return this.store.recommendationLog.attribution(this.clock() - days * DAY_MS);
  }

  /** The model being served (null before any was trained). */
  async currentModel(): Promise<{ id: string; trainedAt: number } | null> {
    return (await this.load(true)).model.info;
  }

  /**
   * The response as JSON text, with each item's cached JSON embedded: serialising ten full items per
   * request was most of the HTTP cost. Same shape as {@link RecommendationResult} with ISO times. `view` may
   * return another view of an item for this customer (a price experiment's price), serialised instead.
   */
  toJson(r: RecommendationResult, view?: (item: Item) => object): string {
    const model = r.model && { id: r.model.id, trainedAt: new Date(r.model.trainedAt).toISOString() };
    const itemJson = (i: RecommendedItemView): string => {
      const seen = view?.(i.item);
      if (seen !== undefined && seen !== i.item) return JSON.stringify(seen);
      return this.catalogue.viewJson(i.id) ?? JSON.stringify(i.item);
    };
    const items = r.items.map(
      (i) =>
        `{"id":${JSON.stringify(i.id)},"score":${i.score},"reasons":${JSON.stringify(i.reasons)},"item":${itemJson(i)}}`,
    );
    return `{"recommendationId":${JSON.stringify(r.recommendationId)},"model":${JSON.stringify(model)},"items":[${items.join(',')}]}`;
  }

  /**
   * Forgets customers in every stored model and the one being served (GDPR erasure): their precomputed
   * lists are removed from the artifacts now, not at the next training. Returns how many artifacts changed.
   */
  async forget(customerIds: readonly string[]): Promise<number> {
    const ids = new Set(customerIds);
    let changed = 0;
    for (const artifactId of await this.store.modelArtifacts.ids(RECOMMEND_ARTIFACT_KIND)) {
      const artifact = await this.store.modelArtifacts.get(artifactId);
      const rewritten = artifact && forgetInPackedModel(artifact.bytes, ids);
      if (!rewritten) continue;
      await this.store.modelArtifacts.replaceBytes(artifactId, rewritten);
      changed++;
    }
    const loaded = await this.load(true);
    // The map is read-only to servers; erasure is the one writer, and the rows it drops must not be served.
    for (const id of ids) (loaded.precomputedRow as Map<string, number>).delete(id);
    return changed;
  }

  /** Writes pending log entries (call before shutdown). */
  async close(): Promise<void> {
    await this.holder.settle();
    await this.logger.flush();
  }

  private trendingReason(loaded: LoadedModel, c: RankedCandidate): Reason {
    return trendingIn(loaded.catalogue.meta[c.item]?.category);
  }

  private ids(loaded: LoadedModel, ids: readonly string[] | undefined): number[] {
    const out: number[] = [];
    for (const id of ids ?? []) {
      const i = loaded.index.get(id);
      if (i !== undefined) out.push(i);
    }
    return out;
  }

  private requireItem(itemId: string) {
    const record = this.catalogue.get(itemId);
    if (!record) throw new NotFoundError(`item "${itemId}" does not exist`);
    return record;
  }

  private respond(
    loaded: LoadedModel,
    surface: Surface,
    ranked: RankedCandidate[],
    reasonsOf: (c: RankedCandidate) => Reason[],
    who: { customerId: string | null; anonymousId: string | null },
  ): RecommendationResult {
    const items: RecommendedItemView[] = [];
    for (const c of ranked) {
      const id = loaded.model.itemIds[c.item]!;
      const item = this.catalogue.view(id);
      if (!item) continue;
      items.push({ id, score: Math.round(c.score * 1e6) / 1e6, reasons: reasonsOf(c), item });
    }
    const createdAt = this.clock();
    const recommendationId = timeOrderedId(createdAt);
    this.logger.add({
      id: recommendationId,
      surface,
      customerId: who.customerId,
      anonymousId: who.anonymousId,
      itemIds: items.map((i) => i.id),
      createdAt,
    });
    return { recommendationId, model: loaded.model.info, items };
  }
}
