/**
 * The ranking steps every surface shares, over one loaded model: exclusions and filters as a mask,
 * top candidates from the surface's scores, a popularity fill when those run out, boosts and pins,
 * then diversity. Buffers are the model's scratch arrays, so nothing catalogue-sized is allocated.
 */
import { descendingOrder, topKFromOrder } from '../../math/sorted-top-k.js';
import { topK } from '../../math/top-k.js';
import type { TopK } from '../../math/top-k.js';
import { categorySimilarity, mmr } from '../diversity.js';
import type { MetaLookup } from '../item-meta.js';
import { applyRules, passes } from '../rules.js';
import type { LoadedModel } from './model-holder.js';
import { filterRules, hasFilters, orderingRules } from './recommend-options.js';
import type { RecommendOptions } from './recommend-options.js';

/** A ranked item and whether it came from the surface's own scores or the popularity fill. */
export interface RankedCandidate {
  item: number;
  score: number;
  fromFallback: boolean;
  /** An item the customer bought that customers buy again (rebuy.ts). */
  buyAgain?: boolean;
}

/** Inputs of one selection. */
export interface SelectInput {
  /** The surface's scores over the model's items (usually `loaded.scores`), or null for none. */
  scores: Float32Array | null;
  /** Instead of `scores`: an earlier top list (best first) for the same history and exclusions. */
  cached?: TopK;
  /** Keep at least this many of the model's top candidates (to cache them). */
  keepTop?: number;
  /** Popularity used to fill the list (and to rank, when `scores` is null). */
  fallback: Float32Array;
  /** Model indices never to return (the request's exclusions, purchased or seen items). */
  excluded: Iterable<number>;
  /** Items the customer may buy again, each with its re-buy share (0..1); ranked among the model's candidates. */
  again?: readonly { item: number; share: number }[];
  k: number;
  options: RecommendOptions;
}

/** What a selection returns: the final list and the model's top candidates before filters and fill. */
export interface Selection {
  ranked: RankedCandidate[];
  /** The model's top candidates after exclusions (before filters), when scores were given and no filter was set. */
  modelTop?: TopK;
}

/** Ranks and returns at most k candidates. */
export function selectCandidates(loaded: LoadedModel, input: SelectInput): Selection {
  const { mask, catalogue } = loaded;
  const { k, options } = input;
  const n = mask.length;
  mask.set(catalogue.unservable);
  for (const i of input.excluded) if (i >= 0 && i < n) mask[i] = 1;
  const filtered = hasFilters(options);
  if (filtered) {
    const rules = filterRules(options);
    for (let i = 0; i < n; i++) if (!mask[i] && !passes(catalogue.meta[i], rules)) mask[i] = 1;
  }
  const pool = Math.min(n, Math.max(k * 5, 50));
  const out: RankedCandidate[] = [];
  let modelTop: TopK | undefined;
  if (input.cached) {
    const c = input.cached;
    for (let r = 0; r < c.indices.length && out.length < pool; r++)
      if (!mask[c.indices[r]!]) out.push({ item: c.indices[r]!, score: c.scores[r]!, fromFallback: false });
  } else if (input.scores) {
    const top = topK(input.scores, Math.max(pool, filtered ? 0 : (input.keepTop ?? 0)), mask, 0);
    if (!filtered) modelTop = top;
    for (let r = 0; r < top.indices.length && out.length < pool; r++)
      out.push({ item: top.indices[r]!, score: top.scores[r]!, fromFallback: false });
  }
  if (input.again && input.again.length > 0) {
    // Scaled by the best model score: a staple most buyers re-buy sits among the strongest candidates.
    const top = out[0]?.score ?? 1;
    const present = new Set(out.map((c) => c.item));
    for (const a of input.again)
      if (a.item >= 0 && a.item < n && !mask[a.item] && !present.has(a.item))
        out.push({ item: a.item, score: top * a.share, fromFallback: false, buyAgain: true });
    out.sort((a, b) => b.score - a.score);
  }
  if (out.length < pool) {
    for (const c of out) mask[c.item] = 1;
    // Below every model score: a fill never outranks evidence about this customer.
    const floor = out.length > 0 ? out[out.length - 1]!.score : 1;
    const top = topKFromOrder(fallbackOrder(loaded, input.fallback), input.fallback, pool - out.length, mask, -1);
    const max = Math.max(top.scores[0] ?? 0, 1e-9);
    for (let r = 0; r < top.indices.length; r++)
      out.push({ item: top.indices[r]!, score: (0.5 * floor * Math.max(0, top.scores[r]!)) / max, fromFallback: true });
  }
  const review = loaded.reviewFactors?.factors;
  if (review) {
    // The opt-in review feature re-ranks the pool (docs/reviews.md); boosts and pins still come after it.
    for (const c of out) c.score *= review[c.item] ?? 1;
    out.sort((a, b) => b.score - a.score);
  }
  const meta: MetaLookup = (i) => catalogue.meta[i];
  const ordering = orderingRules(options, loaded.index);
  for (const p of ordering.pins ?? [])
    if (!out.some((c) => c.item === p.item) && p.item < n && !mask[p.item])
      out.push({ item: p.item, score: 0, fromFallback: false });
  const ordered =
    (ordering.boosts?.length ?? 0) > 0 || (ordering.pins?.length ?? 0) > 0 ? applyRules(out, meta, ordering) : out;
  const diversity = options.diversity ?? 0;
  const pinned = (ordering.pins?.length ?? 0) > 0;
  // Re-ordering for diversity would move pinned items, so pins switch it off.
  if (diversity <= 0 || ordered.length <= 1 || pinned) return { ranked: ordered.slice(0, k), modelTop };
  return { ranked: mmr(ordered, categorySimilarity(meta), 1 - Math.min(1, diversity), k), modelTop };
}

/**
 * The popularity list's items best first, sorted once per list of the loaded model (the lists never change while
 * it is served): a request then takes its fill from the top instead of ranking the whole catalogue.
 */
function fallbackOrder(loaded: LoadedModel, fallback: Float32Array): Int32Array {
  let order = loaded.orders.get(fallback);
  if (!order) {
    order = descendingOrder(fallback);
    loaded.orders.set(fallback, order);
  }
  return order;
}
