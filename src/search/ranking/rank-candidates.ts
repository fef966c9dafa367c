/** Turns clause scores into a ranked, filtered, faceted page: coverage, priors, rules, semantic blend, pins. */
import { Bm25fScorer } from './bm25f-scorer.js';
import { FacetCounter } from '../facets.js';
import type { SearchFilters } from '../filters.js';
import { compileFilters, compileSlotFilter, priceReader } from '../filters.js';
import type { HighlightCache } from '../cache/highlight-cache.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import { activeRules, ruleFactor, ruleFactorBound } from './merchandising.js';
import type { MerchandisingRule } from './merchandising.js';
import { affinityBound, compileAffinities } from './personalize.js';
import { feedbackClauses } from '../query/feedback-expansion.js';
import type { Clause } from '../query/query-plan.js';
import type { SearchDocument } from '../search-document.js';
import type { SearchHit, SearchQuery, SearchResponse } from '../search-types.js';
import type { SemanticModel } from './semantic-model.js';
import { cosine } from './semantic-model.js';
import { BoundedRanking } from '../../math/bounded-ranking.js';
import { OrderedTopK } from '../../math/ordered-top-k.js';

/** What ranking needs from the engine. */
export interface RankContext {
  /** The index. */
  index: InvertedIndex;
  /** The scorer (scratch buffers). */
  scorer: Bm25fScorer;
  /** Titles analysed for highlighting. */
  highlights: HighlightCache;
  /** Merchandising rules. */
  rules: readonly MerchandisingRule[];
  /** Built-in semantic model, or null. */
  semantic: SemanticModel | null;
  /** External document embeddings. */
  vectors: ReadonlyMap<string, Float32Array>;
  /** Coverage exponent. */
  coordination: number;
  /** Review ranking factor per item id (the opt-in review feature), or null. */
  reviewFactors?: ReadonlyMap<string, number> | null;
  /** The largest of {@link reviewFactors} and 1 (default Infinity: no documents skipped for it). */
  reviewFactorBound?: number;
  /** Popularity prior strength. */
  popularityWeight: number;
  /** Largest popularity seen. */
  maxPopularity: number;
  /** Semantic blend weight. */
  semanticWeight: number;
  /** Semantic re-rank depth. */
  semanticDepth: number;
  /** Weight of feedback expansion terms (0 disables). */
  feedbackWeight: number;
  /** First-pass results feedback learns from. */
  feedbackDepth: number;
}

function mergePrice(filters: SearchFilters | undefined, parsed: SearchResponse['parsed']): SearchFilters | undefined {
  if (parsed.priceMin === undefined && parsed.priceMax === undefined) return filters;
  const f: SearchFilters = { ...filters };
  if (parsed.priceMin !== undefined) f.priceMin = Math.max(f.priceMin ?? -Infinity, parsed.priceMin);
  if (parsed.priceMax !== undefined) f.priceMax = Math.min(f.priceMax ?? Infinity, parsed.priceMax);
  return f;
}

function queryVector(ctx: RankContext, clauses: Clause[]): Float32Array | null {
  const model = ctx.semantic;
  if (!model) return null;
  const v = new Float32Array(model.dimension);
  const n = ctx.index.size;
  let any = false;
  for (const c of clauses) {
    for (const a of c.alternatives) {
      for (const tid of a.termIds) {
        const w = a.weight * Bm25fScorer.idf(n, ctx.index.docFreq(tid));
        any = model.addTerm(ctx.index.terms[tid]!, w, v) || any;
      }
    }
  }
  return any ? v : null;
}

function docVector(ctx: RankContext, model: SemanticModel, rows: Int32Array, slot: number, out: Float32Array): void {
  out.fill(0);
  const n = ctx.index.size;
  for (const tid of ctx.index.termsOfSlot(slot) ?? []) {
    const row = rows[tid]!;
    if (row >= 0) model.addRow(row, Bm25fScorer.idf(n, ctx.index.docFreq(tid)), out);
  }
}

/** Blends semantic similarity into the top of a relevance ranking, in place. */
function semanticRerank(ctx: RankContext, query: SearchQuery, clauses: Clause[], top: BoundedRanking): void {
  const depth = Math.min(top.slots.length, ctx.semanticDepth);
  if (depth < 2) return;
  const qv = queryVector(ctx, clauses);
  const external = query.queryVector;
  if (!qv && !external) return;
  const maxScore = top.scores[0]! > 0 ? top.scores[0]! : 1;
  const dv = ctx.semantic ? new Float32Array(ctx.semantic.dimension) : null;
  const rows = ctx.semantic ? ctx.semantic.rowsOf(ctx.index) : null;
  const blended: { slot: number; score: number }[] = [];
  for (let i = 0; i < depth; i++) {
    const slot = top.slots[i]!;
    let sim = 0;
    if (qv && dv && rows && ctx.semantic) {
      docVector(ctx, ctx.semantic, rows, slot, dv);
      sim = Math.max(0, cosine(qv, dv));
    }
    const ev = external ? ctx.vectors.get(ctx.index.docs[slot]!.id) : undefined;
    if (external && ev) sim = Math.max(sim, cosine(external, ev));
    blended.push({ slot, score: top.scores[i]! / maxScore + ctx.semanticWeight * sim });
  }
  blended.sort((a, b) => b.score - a.score);
  blended.forEach((b, i) => {
    top.slots[i] = b.slot;
    top.scores[i] = b.score;
  });
}

// A first pass picks the top results whose shared terms then expand the query.
function withFeedback(ctx: RankContext, clauses: Clause[]): Clause[] {
  const res = ctx.scorer.run(ctx.index, clauses);
  const first = new BoundedRanking(ctx.feedbackDepth);
  for (const s of res.touched) {
    const cov = res.totalIdf > 0 ? res.coverage[s]! / res.totalIdf : 1;
    first.push(s, res.score[s]! * cov ** ctx.coordination);
  }
  ctx.scorer.reset(res.touched);
  return [...clauses, ...feedbackClauses(ctx.index, clauses, first.slots, ctx.feedbackWeight)];
}

// Price sorts read the price the searcher sees (a price experiment's, where one sets it).
const sortKeys = (
  priceOf: (d: SearchDocument) => number | undefined,
): Record<string, (d: SearchDocument) => number> => ({
  'price-asc': (d) => priceOf(d) ?? Infinity,
  'price-desc': (d) => -(priceOf(d) ?? -Infinity),
  newest: (d) => -(d.createdAt ?? -Infinity),
  popularity: (d) => -(d.popularity ?? 0),
});

/** The slots of the items whose price the searcher sees differently (they skip the price columns). */
function ownPriceSlots(index: RankContext['index'], prices: ReadonlyMap<string, number> | undefined): Set<number> {
  const out = new Set<number>();
  for (const id of prices?.keys() ?? []) {
    const slot = index.slotOf(id);
    if (slot >= 0) out.add(slot);
  }
  return out;
}

/** The slots of hidden item ids: a match is checked against them without reading its document. */
function hiddenSlots(index: RankContext['index'], ids: ReadonlySet<string>): Set<number> {
  const out = new Set<number>();
  for (const id of ids) {
    const slot = index.slotOf(id);
    if (slot >= 0) out.add(slot);
  }
  return out;
}

/** Ranks the candidates of a planned query and builds the response. */
export function rankCandidates(
  ctx: RankContext,
  query: SearchQuery,
  planned: Clause[],
  parsed: SearchResponse['parsed'],
): SearchResponse {
  const { index } = ctx;
  let clauses = planned;
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.max(0, query.limit ?? 20);
  const sort = query.sort ?? 'relevance';
  const filters = mergePrice(query.filters, parsed);
  // The slot filter below decides the column-backed conditions: the document predicate checks the rest.
  const pred = compileFilters(filters, true);
  // Columns first: most documents fail a category, brand or price filter without being read.
  const slotPred = compileSlotFilter(filters, index.facetColumns, ownPriceSlots(index, filters?.prices));
  const rules = activeRules(ctx.rules, query.q ?? '');
  const personal = query.personalization ? compileAffinities(query.personalization) : null;
  const useSemantic =
    sort === 'relevance' && clauses.length > 0 && (ctx.semantic !== null || query.queryVector !== undefined);
  // Pinned items go first and are skipped where they rank: the page needs that many more.
  const pins = rules?.pin.length ?? 0;
  const k = sort === 'relevance' ? Math.max(offset + limit + pins, useSemantic ? ctx.semanticDepth : 0) : 0;
  const top = new BoundedRanking(k);
  // Other orders keep the first k of a stable sort by key then score.
  const keyOf = sort === 'relevance' ? null : (sortKeys(priceReader(filters?.prices))[sort] ?? (() => 0));
  const sorted = new OrderedTopK<{ slot: number; score: number; key: number }>(
    keyOf ? offset + limit + pins : 0,
    (a, b) => a.key - b.key || b.score - a.score,
  );
  // Whether a pinned item is also a match, so that it counts once in the total (wherever it ranks).
  const pinSlots = pins > 0 ? new Set(rules!.pin.map((id) => index.slotOf(id))) : null;
  const matchedPins = new Set<number>();
  const facets = query.facets ? new FacetCounter(query.facets, index.facetColumns) : null;
  const popLog = ctx.maxPopularity > 0 ? Math.log1p(ctx.maxPopularity) : 0;
  const popularityLog = ctx.popularityWeight > 0 && popLog > 0 ? index.facetColumns.popularityLog : null;
  const popularityWeight = ctx.popularityWeight;
  const hidden = rules && rules.hide.size > 0 ? hiddenSlots(index, rules.hide) : null;
  // The most the per-document multipliers after the prior can give, applied in the same order as below (so
  // rounding keeps it an upper bound): a match whose bound cannot enter the top k is never read or scored further.
  const personalBound = personal ? affinityBound(query.personalization!) : 1;
  const reviewBound = ctx.reviewFactors ? (ctx.reviewFactorBound ?? Infinity) : 1;
  const ruleBound = rules ? ruleFactorBound(rules) : 1;
  const docs = index.docs;
  let total = 0;

  // The per-document multipliers after the prior, in the order the bounds above assume.
  const applyMultipliers = (doc: SearchDocument, score: number): number => {
    if (personal) score *= personal(doc);
    if (ctx.reviewFactors) score *= ctx.reviewFactors.get(doc.id) ?? 1;
    if (rules) score *= ruleFactor(rules, doc);
    return score;
  };

  // Every check before `total++` reads columns or the slot's pointer only; the document itself (a cache miss
  // per match on a large catalogue) is read for a doc-level filter, attribute facets, or a score that may rank.
  const consider = (slot: number, lexical: number): void => {
    if (slotPred !== null && !slotPred(slot)) return;
    if (hidden !== null && hidden.has(slot)) return;
    const doc = docs[slot];
    if (doc === undefined || (pred !== null && !pred(doc))) return;
    total++;
    facets?.add(doc, slot);
    if (pinSlots?.has(slot)) matchedPins.add(slot);
    let score = lexical;
    if (popularityLog !== null) {
      const l = popularityLog[slot]!;
      // Without a prior the factor is exactly 1, so skipping it changes no score.
      if (l !== 0) score *= 1 + (popularityWeight * l) / popLog;
    }
    if (sort === 'relevance' && top.rejects(score * personalBound * reviewBound * ruleBound)) return;
    score = applyMultipliers(doc, score);
    if (sort === 'relevance') top.push(slot, score);
    else sorted.push({ slot, score, key: keyOf!(doc) });
  };

  if (clauses.length === 0) {
    for (let s = 0; s < index.slotCount; s++) consider(s, 1);
  } else {
    if (ctx.feedbackWeight > 0 && sort === 'relevance') clauses = withFeedback(ctx, clauses);
    const res = ctx.scorer.run(index, clauses);
    const coord = ctx.coordination;
    const inv = res.totalIdf > 0 ? 1 / res.totalIdf : 0;
    const { touched, score, coverage } = res;
    // The common case (relevance, no filter, hide, pin or facet) counts and ranks inline: `consider` as a
    // closure call per match cost ~15% of a broad query without priors.
    const inline =
      sort === 'relevance' && slotPred === null && pred === null && hidden === null && !facets && !pinSlots;
    const multiplied = personal !== null || ctx.reviewFactors || rules !== null;
    for (let i = 0; i < touched.length; i++) {
      const s = touched[i]!;
      const cov = inv > 0 ? coverage[s]! * inv : 1;
      const lexical = score[s]! * (coord === 2 ? cov * cov : coord > 0 ? cov ** coord : 1);
      if (!inline) {
        consider(s, lexical);
        continue;
      }
      // `!== undefined`, not truthiness: testing an object's truth reads its map, a cache miss per match.
      if (docs[s] === undefined) continue;
      total++;
      if (popularityLog === null && !multiplied) {
        top.push(s, lexical);
        continue;
      }
      let ranked = lexical;
      if (popularityLog !== null) {
        const l = popularityLog[s]!;
        if (l !== 0) ranked *= 1 + (popularityWeight * l) / popLog;
      }
      if (multiplied) {
        if (top.rejects(ranked * personalBound * reviewBound * ruleBound)) continue;
        ranked = applyMultipliers(docs[s], ranked);
      }
      top.push(s, ranked);
    }
    ctx.scorer.reset(res.touched);
  }

  let ordered: { slot: number; score: number }[];
  if (sort === 'relevance') {
    if (useSemantic) semanticRerank(ctx, query, clauses, top);
    ordered = top.slots.map((slot, i) => ({ slot, score: top.scores[i]! }));
  } else ordered = sorted.sorted();

  const hits: SearchHit[] = [];
  const pinned = new Set<string>();
  // Pins are not matches: they pass no slot filter, so they take the whole predicate.
  const pinPred = rules && rules.pin.length > 0 ? compileFilters(filters) : null;
  for (const id of rules?.pin ?? []) {
    const slot = index.slotOf(id);
    const doc = index.docs[slot];
    if (!doc || (pinPred && !pinPred(doc)) || rules?.hide.has(id)) continue;
    if (!matchedPins.has(slot)) total++;
    pinned.add(id);
    hits.push({ id, score: ordered[0]?.score ?? 1, document: doc, pinned: true });
  }
  for (const o of ordered) {
    if (hits.length >= offset + limit) break;
    const doc = index.docs[o.slot]!;
    if (!pinned.has(doc.id)) hits.push({ id: doc.id, score: o.score, document: doc });
  }
  const page = hits.slice(offset, offset + limit);
  if (query.highlight) {
    const matched = new Set<number>();
    for (const c of clauses) for (const a of c.alternatives) for (const t of a.termIds) matched.add(t);
    for (const h of page) h.highlight = ctx.highlights.title(h.document, matched);
  }
  const response: SearchResponse = { hits: page, total, offset, limit, parsed };
  if (facets) response.facets = facets.result();
  return response;
}
