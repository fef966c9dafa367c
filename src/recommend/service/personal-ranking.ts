/**
 * Ranking a personal list (a customer's or an anonymous session's) and explaining it. A list comes from
 * one of three places, cheapest first: the customer's list precomputed at training time (no event newer
 * than the model), the candidates cached for this exact history, or live scoring of candidates
 * (CandidateScorer) — so a new view changes the next list at once without scoring the whole catalogue.
 * Requests with filters score the whole catalogue, so the best items of a narrow category are found.
 */
import type { TopK } from '../../math/top-k.js';
import type { Clock } from '../../platform/clock.js';
import { CandidateCache } from './candidate-cache.js';
import type { CatalogueCache } from './catalogue-cache.js';
import type { CustomerHistory } from './history-from-events.js';
import type { LoadedModel } from './model-holder.js';
import { isRebought } from '../rebuy.js';
import { becauseYou, boughtTogetherWith, buyAgain, forYou, popularOn, trendingIn } from './reasons.js';
import type { Reason } from './reasons.js';
import { DEFAULT_DIVERSITY, DEFAULT_EXCLUDE_SEEN_DAYS, DEFAULT_K, hasFilters } from './recommend-options.js';
import type { RecommendOptions } from './recommend-options.js';
import { selectCandidates } from './select-candidates.js';
import type { RankedCandidate } from './select-candidates.js';
import { DAY_MS } from '../../domain/index.js';

/** Top candidates kept per customer for repeated requests. */
const CACHED_CANDIDATES = 100;
/** Latest carted or bought items whose basket partners are named as reasons. */
const BASKET_SOURCES = 3;
/** Partners looked at per such item. */
const PARTNERS_PER_SOURCE = 20;

/** One personal ranking request. */
export interface PersonalRequest {
  h: CustomerHistory;
  /** Model indices never to return. */
  excluded: number[];
  options: RecommendOptions;
  /** Identifies this history and these options, for the candidate cache; absent for sessions. */
  cacheKey?: string;
  /** The customer's list from training time, when no event is newer than the model. */
  precomputed?: TopK;
  /** More candidates for live scoring (the customer's list from training time when events are newer). */
  extra?: ArrayLike<number>;
}

/** A ranked list and the reasons of each item. */
export interface PersonalRanking {
  ranked: RankedCandidate[];
  reasonsOf: (c: RankedCandidate) => Reason[];
}

/** Ranks personal lists over the loaded model. */
export class PersonalRanker {
  private readonly cache = new CandidateCache();

  constructor(
    private readonly catalogue: CatalogueCache,
    private readonly clock: Clock,
  ) {}

  /** The ranked list for a history, with reasons. */
  rank(loaded: LoadedModel, req: PersonalRequest): PersonalRanking {
    const { h, options } = req;
    const { pipeline, popularity } = loaded.model;
    const channel = options.channel ?? h.channel;
    const channelPop = channel === undefined ? undefined : popularity.byChannel.get(channel);
    const now = this.clock();
    const filtered = hasFilters(options);
    const key = req.cacheKey === undefined ? undefined : `${loaded.model.info?.id}|${req.cacheKey}`;
    let cached = filtered ? undefined : (req.precomputed ?? (key === undefined ? undefined : this.cache.get(key, now)));
    let scores: Float32Array | null = null;
    if (!cached && pipeline && h.history.items.length > 0) {
      if (!filtered && loaded.scorer) {
        // Enough for this request's pool (k × 5) and for later requests of the same history.
        cached = loaded.scorer.score(h.history, req.extra, Math.max(CACHED_CANDIDATES, 5 * (options.k ?? DEFAULT_K)));
        if (key !== undefined) this.cache.set(key, cached, now);
      } else {
        pipeline.score(h.history, loaded.scores);
        scores = loaded.scores;
      }
    }
    const again = buyAgainCandidates(loaded, h);
    const { ranked } = selectCandidates(loaded, {
      scores,
      ...(cached ? { cached } : {}),
      ...(again.length > 0 ? { again } : {}),
      fallback: channelPop ?? popularity.trending,
      excluded: req.excluded,
      k: options.k ?? DEFAULT_K,
      options: { diversity: DEFAULT_DIVERSITY, ...options },
    });
    const partners = basketPartners(loaded, h);
    const fallbackChannel = channelPop ? channel : undefined;
    return { ranked, reasonsOf: (c) => this.reasons(loaded, h, c, partners, fallbackChannel) };
  }

  /** Request exclusions plus purchased and recently seen items. */
  exclusions(loaded: LoadedModel, options: RecommendOptions, h: CustomerHistory): number[] {
    const out: number[] = [];
    for (const id of options.exclude ?? []) {
      const i = loaded.index.get(id);
      if (i !== undefined) out.push(i);
    }
    // Items customers buy again stay available (as buy-again); other purchases are left out.
    if (options.excludePurchased ?? true)
      for (const i of h.purchased) if (!isRebought(loaded.model.rebuy, i)) out.push(i);
    const days = options.excludeSeenDays ?? DEFAULT_EXCLUDE_SEEN_DAYS;
    if (days > 0) {
      const since = this.clock() - days * DAY_MS;
      for (let p = 0; p < h.events.length; p++) if (h.events[p]!.timestamp >= since) out.push(h.history.items[p]!);
    }
    return out;
  }

  private reasons(
    loaded: LoadedModel,
    h: CustomerHistory,
    c: RankedCandidate,
    partners: Map<number, number>,
    channel: string | undefined,
  ): Reason[] {
    if (c.fromFallback) return [channel ? popularOn(channel) : trendingIn(loaded.catalogue.meta[c.item]?.category)];
    if (c.buyAgain) return [buyAgain()];
    const reasons: Reason[] = [];
    for (const m of loaded.explainers) {
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
}

/** The customer's list from training time, as a top list (unused slots dropped). */
export function precomputedList(loaded: LoadedModel, customerId: string): TopK | undefined {
  const pre = loaded.model.precomputed;
  const row = loaded.precomputedRow.get(customerId);
  if (!pre || row === undefined) return undefined;
  const start = row * pre.width;
  let end = start;
  while (end < start + pre.width && pre.items[end]! >= 0) end++;
  return { indices: pre.items.subarray(start, end), scores: pre.scores.subarray(start, end) };
}

/** The customer's purchases that customers buy again, with their re-buy shares. */
function buyAgainCandidates(loaded: LoadedModel, h: CustomerHistory): { item: number; share: number }[] {
  const shares = loaded.model.rebuy;
  if (!shares) return [];
  const out = new Map<number, number>();
  for (const i of h.purchased) if (isRebought(shares, i)) out.set(i, shares[i]!);
  return [...out].map(([item, share]) => ({ item, share }));
}

/** Basket partners of the latest items carted or bought: partner → that item. */
function basketPartners(loaded: LoadedModel, h: CustomerHistory): Map<number, number> {
  const out = new Map<number, number>();
  const bt = loaded.model.boughtTogether;
  if (!bt) return out;
  let used = 0;
  for (let p = h.events.length - 1; p >= 0 && used < BASKET_SOURCES; p--) {
    const type = h.events[p]!.type;
    if (type !== 'purchase' && type !== 'add_to_cart') continue;
    used++;
    const src = h.history.items[p]!;
    for (const item of bt.partners(src, PARTNERS_PER_SOURCE)) if (!out.has(item)) out.set(item, src);
  }
  return out;
}
