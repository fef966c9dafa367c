/**
 * Serves recommendations: for a customer (from their latest events, read per request, so a new view
 * changes the next list without retraining), similar items, bought together, trending and anonymous
 * sessions. Each response gets an id and is logged, so events carrying that id are attributed to it.
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError, type Item } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { ItemService } from '../../platform/item-service.js';
import type { SurfaceAttribution } from '../../store/repositories/recommendation-log-repository.js';
import type { Store } from '../../store/store.js';
import type { TopK } from '../../math/top-k.js';
import type { Recommender } from '../recommender.js';
import { CandidateCache } from './candidate-cache.js';
import { CatalogueCache } from './catalogue-cache.js';
import { historyFromEvents } from './history-from-events.js';
import type { CustomerHistory } from './history-from-events.js';
import { ModelHolder } from './model-holder.js';
import type { LoadedModel } from './model-holder.js';
import { becauseYou, boughtTogetherWith, forYou, popularOn, similarTo, trendingIn } from './reasons.js';
import type { Reason } from './reasons.js';
import { DEFAULT_DIVERSITY, DEFAULT_EXCLUDE_SEEN_DAYS, DEFAULT_K, hasFilters } from './recommend-options.js';
import type { RecommendOptions } from './recommend-options.js';
import { RecommendTrainer } from './recommend-trainer.js';
import type { TrainProgress, TrainResult } from './recommend-trainer.js';
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
/** Components asked for an explanation per item, strongest weight first. */
const EXPLAINERS = 2;
/** Top candidates kept per customer for repeated requests. */
const CACHED_CANDIDATES = 100;

/** The serving side of recommendations. */
export class RecommendationService {
  private readonly catalogue: CatalogueCache;
  private readonly holder: ModelHolder;
  private readonly logger: RecommendationLogger;
  private readonly trainer: RecommendTrainer;
  private readonly candidates = new CandidateCache();

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
  }

  /** Loads the catalogue and the newest model now (instead of on the first request). */
  async warm(): Promise<{ model: { id: string; trainedAt: number } | null }> {
    const loaded = await this.holder.get();
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

  /** Personal recommendations from the customer's latest events; cold customers get channel popularity. */
  async forCustomer(customerId: string, options: RecommendOptions = {}): Promise<RecommendationResult> {
    const loaded = await this.holder.get();
    const events = await this.store.events.timeline(customerId, { limit: HISTORY_LIMIT });
    const h = historyFromEvents(events, loaded.index);
    const excluded = this.exclusions(loaded, options, h);
    // The newest event (and how many were read) identify the history; exclusion options change the list.
    let newest = 0;
    for (const e of events) newest = Math.max(newest, e.seq);
    // A customer with no events left (erased, or unknown) must not get a list computed from a past history.
    const precomputed =
      events.length > 0 && newest <= loaded.model.eventSeq ? precomputedList(loaded, customerId) : undefined;
    const stamp = `${customerId}|${newest}|${events.length}|${options.excludePurchased ?? ''}|${options.excludeSeenDays ?? ''}|${options.exclude?.join(',') ?? ''}|${options.channel ?? ''}`;
    return this.personal(
      loaded,
      'for-you',
      h,
      excluded,
      options,
      { customerId, anonymousId: null },
      stamp,
      precomputed,
    );
  }

  /** Recommendations for an anonymous session: the item ids it touched, oldest first. */
  async forSession(
    session: { itemIds: string[]; anonymousId?: string },
    options: RecommendOptions = {},
  ): Promise<RecommendationResult> {
    const loaded = await this.holder.get();
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
    const excluded = this.exclusions(loaded, options, h);
    for (const id of session.itemIds) {
      const i = loaded.index.get(id);
      if (i !== undefined) excluded.push(i);
    }
    return this.personal(loaded, 'session', h, excluded, options, {
      customerId: null,
      anonymousId: session.anonymousId ?? null,
    });
  }

  /** Items similar to one item (blended item-to-item models; same-category popularity for cold items). */
  async similar(itemId: string, options: RecommendOptions = {}): Promise<RecommendationResult> {
    const loaded = await this.holder.get();
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
    const loaded = await this.holder.get();
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
    const loaded = await this.holder.get();
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
    return this.store.recommendationLog.attribution(this.clock() - days * 86_400_000);
  }

  /** The model being served (null before any was trained). */
  async currentModel(): Promise<{ id: string; trainedAt: number } | null> {
    return (await this.holder.get()).model.info;
  }

  /**
   * The response as JSON text, with each item's cached JSON embedded: serialising ten full items per
   * request was most of the HTTP cost. Same shape as {@link RecommendationResult} with ISO times.
   */
  toJson(r: RecommendationResult): string {
    const model = r.model && { id: r.model.id, trainedAt: new Date(r.model.trainedAt).toISOString() };
    const items = r.items.map(
      (i) =>
        `{"id":${JSON.stringify(i.id)},"score":${i.score},"reasons":${JSON.stringify(i.reasons)},"item":${this.catalogue.viewJson(i.id) ?? JSON.stringify(i.item)}}`,
    );
    return `{"recommendationId":${JSON.stringify(r.recommendationId)},"model":${JSON.stringify(model)},"items":[${items.join(',')}]}`;
  }

  /** Writes pending log entries (call before shutdown). */
  async close(): Promise<void> {
    await this.holder.settle();
    await this.logger.flush();
  }

  private personal(
    loaded: LoadedModel,
    surface: Surface,
    h: CustomerHistory,
    excluded: number[],
    options: RecommendOptions,
    who: { customerId: string | null; anonymousId: string | null },
    cacheKey?: string,
    precomputed?: TopK,
  ): RecommendationResult {
    const { pipeline, popularity } = loaded.model;
    const channel = options.channel ?? h.channel;
    const channelPop = channel === undefined ? undefined : popularity.byChannel.get(channel);
    const now = this.clock();
    const key = cacheKey === undefined ? undefined : `${loaded.model.info?.id}|${cacheKey}`;
    const cached =
      key === undefined || hasFilters(options) ? undefined : (precomputed ?? this.candidates.get(key, now));
    let scores: Float32Array | null = null;
    if (!cached && pipeline && h.history.items.length > 0) {
      pipeline.score(h.history, loaded.scores);
      scores = loaded.scores;
    }
    const { ranked, modelTop } = selectCandidates(loaded, {
      scores,
      ...(cached ? { cached } : {}),
      keepTop: CACHED_CANDIDATES,
      fallback: channelPop ?? popularity.trending,
      excluded,
      k: options.k ?? DEFAULT_K,
      options: { diversity: DEFAULT_DIVERSITY, ...options },
    });
    if (key !== undefined && modelTop && !precomputed) this.candidates.set(key, modelTop, now);
    const partners = this.basketPartners(loaded, h);
    const explainers = pipeline
      ? pipeline.models
          .map((m, i) => ({ m, w: pipeline.weights[i] ?? 0 }))
          .filter((x) => x.w > 0 && x.m.explain !== undefined)
          .sort((a, b) => b.w - a.w)
          .slice(0, EXPLAINERS)
          .map((x) => x.m)
      : [];
    return this.respond(
      loaded,
      surface,
      ranked,
      (c) => this.personalReasons(loaded, h, c, partners, explainers, channelPop ? channel : undefined),
      who,
    );
  }

  private personalReasons(
    loaded: LoadedModel,
    h: CustomerHistory,
    c: RankedCandidate,
    partners: Map<number, number>,
    explainers: readonly Recommender[],
    channel: string | undefined,
  ): Reason[] {
    if (c.fromFallback) return [channel ? popularOn(channel) : this.trendingReason(loaded, c)];
    const reasons: Reason[] = [];
    for (const m of explainers) {
      const p = m.explain ? m.explain(h.history, c.item) : -1;
      const e = p >= 0 ? h.events[p] : undefined;
      if (e?.itemId) {
        reasons.push(becauseYou(e.type, e.itemId, this.catalogue.get(e.itemId)?.title ?? e.itemId));
        break;
      }
    }
    const partner = partners.get(c.item);
    const partnerId = partner === undefined ? undefined : loaded.model.itemIds[partner];
    if (partnerId !== undefined)
      reasons.push(boughtTogetherWith(partnerId, this.catalogue.get(partnerId)?.title ?? partnerId));
    if (reasons.length === 0) reasons.push(forYou());
    return reasons;
  }

  /** Basket partners of the latest items carted or bought: partner → that item. */
  private basketPartners(loaded: LoadedModel, h: CustomerHistory): Map<number, number> {
    const out = new Map<number, number>();
    const bt = loaded.model.boughtTogether;
    if (!bt) return out;
    let used = 0;
    for (let p = h.events.length - 1; p >= 0 && used < 3; p--) {
      const type = h.events[p]!.type;
      if (type !== 'purchase' && type !== 'add_to_cart') continue;
      used++;
      const src = h.history.items[p]!;
      for (const a of bt.associations(src).slice(0, 20)) if (!out.has(a.item)) out.set(a.item, src);
    }
    return out;
  }

  private trendingReason(loaded: LoadedModel, c: RankedCandidate): Reason {
    return trendingIn(loaded.catalogue.meta[c.item]?.category);
  }

  /** Request exclusions plus purchased and recently seen items. */
  private exclusions(loaded: LoadedModel, options: RecommendOptions, h: CustomerHistory): number[] {
    const out = this.ids(loaded, options.exclude);
    if (options.excludePurchased ?? true) out.push(...h.purchased);
    const days = options.excludeSeenDays ?? DEFAULT_EXCLUDE_SEEN_DAYS;
    if (days > 0) {
      const since = this.clock() - days * 86_400_000;
      h.events.forEach((e, p) => {
        if (e.timestamp >= since) out.push(h.history.items[p]!);
      });
    }
    return out;
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
    const recommendationId = randomUUID();
    this.logger.add({
      id: recommendationId,
      surface,
      customerId: who.customerId,
      anonymousId: who.anonymousId,
      itemIds: items.map((i) => i.id),
      createdAt: this.clock(),
    });
    return { recommendationId, model: loaded.model.info, items };
  }
}

/** The customer's list from training time, as a top list (unused slots dropped). */
function precomputedList(loaded: LoadedModel, customerId: string): TopK | undefined {
  const pre = loaded.model.precomputed;
  const row = loaded.precomputedRow.get(customerId);
  if (!pre || row === undefined) return undefined;
  const start = row * pre.width;
  let end = start;
  while (end < start + pre.width && pre.items[end]! >= 0) end++;
  return { indices: pre.items.subarray(start, end), scores: pre.scores.subarray(start, end) };
}
