/**
 * The periodic refresh of what search learns from behaviour: popularity/conversion priors, synonyms
 * learned from searches followed by clicks or purchases, past queries for autocomplete, and the
 * semantic model. The result is saved as a snapshot so every process picks it up.
 */
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import { learnSynonyms, toSynonymRules } from '../query/learn-synonyms.js';
import type { LearnedSynonym, SearchClickPair } from '../query/learn-synonyms.js';
import type { ProductSearch } from '../product-search.js';
import type { SearchDocument } from '../search-document.js';
import { QuerySuggester } from '../query-suggester.js';
import { searchClickPairs } from './search-analytics.js';
import type { SearchService } from './search-service.js';
import { DAY_MS } from '../../domain/index.js';

/** Refresh windows. */
export interface RefreshOptions {
  /** Days of behaviour behind the priors (default 30). */
  priorDays?: number;
  /** Days of search log behind synonyms and suggestions (default 90). */
  logDays?: number;
  /** Train the semantic model (default true). */
  semantic?: boolean;
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
}

/** What a refresh did. */
export interface RefreshSummary {
  itemsWithPrior: number;
  priorsChanged: number;
  learnedSynonyms: { from: string; to: string[] }[];
  queries: number;
  semanticTerms: number;
  snapshot: string;
}

/**
 * Priors: engagement (views + 2·clicks + 4·carts + 8·purchases) times the item's conversion relative to
 * the store's, smoothed towards the average with 20 pseudo-views and clamped to [0.5, 2] so a single
 * lucky sale does not dominate.
 */
export function computePriors(counts: readonly { itemId: string; type: string; n: number }[]): Map<string, number> {
  const per = new Map<string, { view: number; click: number; add_to_cart: number; purchase: number }>();
  for (const c of counts) {
    const p = per.get(c.itemId) ?? { view: 0, click: 0, add_to_cart: 0, purchase: 0 };
    if (c.type === 'view' || c.type === 'click' || c.type === 'add_to_cart' || c.type === 'purchase') p[c.type] += c.n;
    per.set(c.itemId, p);
  }
  let views = 0;
  let purchases = 0;
  for (const p of per.values()) {
    views += p.view + p.click;
    purchases += p.purchase;
  }
  const average = views > 0 ? Math.max(purchases / views, 1e-6) : 0;
  const out = new Map<string, number>();
  for (const [id, p] of per) {
    const engagement = p.view + 2 * p.click + 4 * p.add_to_cart + 8 * p.purchase;
    const rate = average > 0 ? (p.purchase + 20 * average) / (p.view + p.click + 20) : 0;
    const lift = average > 0 ? Math.min(2, Math.max(0.5, rate / average)) : 1;
    if (engagement > 0) out.set(id, engagement * lift);
  }
  return out;
}

/** The title-level text of a document: descriptions and attributes repeat boilerplate ("颜色", "colour") that would be "learned". */
function titleText(doc: SearchDocument): SearchDocument {
  const slim: SearchDocument = { id: doc.id, title: doc.title };
  if (doc.category !== undefined) slim.category = doc.category;
  if (doc.brand !== undefined) slim.brand = doc.brand;
  if (doc.translations) {
    slim.translations = Object.fromEntries(
      Object.entries(doc.translations).map(([k, t]) => [k, { ...(t.title !== undefined ? { title: t.title } : {}) }]),
    );
  }
  return slim;
}

/**
 * Learned synonyms that fill a vocabulary gap: the query word is (nearly) absent from the catalogue and the
 * word it maps to is specific (on at most a fifth of the items). A word the catalogue already uses widely
 * ("绿色") needs no synonym, and mapping it to a common one would let a green query match red items.
 */
export function learnUsefulSynonyms(engine: ProductSearch, pairs: readonly SearchClickPair[]): LearnedSynonym[] {
  const index = engine.index;
  const df = (term: string) => {
    const id = index.termId(term);
    return id < 0 ? 0 : index.docFreq(id);
  };
  const rare = Math.max(2, Math.floor(index.size / 1000));
  return learnSynonyms(
    pairs,
    (id) => {
      const doc = engine.get(id);
      return doc && titleText(doc);
    },
    { analyze: index.analyzeOptions },
  ).filter((l) => df(l.from) <= rare && df(l.to) > 0 && df(l.to) <= index.size / 10);
}

/** Recomputes priors, learned synonyms, suggestions and the semantic model, then saves a snapshot. */
export async function refreshSearch(
  service: SearchService,
  store: Store,
  clock: Clock,
  options: RefreshOptions = {},
): Promise<RefreshSummary> {
  const now = clock();
  const live = await service.ready();
  await options.onProgress?.(0.1, 'priors');
  const priors = computePriors(
    await store.search.itemEventCounts(now - (options.priorDays ?? 30) * DAY_MS, [
      'view',
      'click',
      'add_to_cart',
      'purchase',
    ]),
  );
  const priorsChanged = await live.setPriors(priors);

  await options.onProgress?.(0.3, 'synonyms and suggestions');
  const since = now - (options.logDays ?? 90) * DAY_MS;
  const searches = await store.search.searchEvents(since);
  const engagements = await store.search.engagements(since);
  const learned = toSynonymRules(learnUsefulSynonyms(live.engine, searchClickPairs(searches, engagements)));
  live.setLearned(learned);
  const suggester = new QuerySuggester();
  // Only queries that found something are worth suggesting.
  for (const s of searches) if (s.properties.results !== 0) suggester.record(s.query);
  live.suggester = suggester;

  let semanticTerms = 0;
  if (options.semantic ?? true) {
    await options.onProgress?.(0.6, 'semantic model');
    semanticTerms = live.engine.trainSemantic().size;
  }
  await options.onProgress?.(0.9, 'snapshot');
  const snapshot = await service.saveSnapshot();
  return {
    itemsWithPrior: priors.size,
    priorsChanged,
    learnedSynonyms: learned.map((r) =>
      r.kind === 'one-way' ? { from: r.from, to: r.to } : { from: '', to: r.words },
    ),
    queries: suggester.size,
    semanticTerms,
    snapshot,
  };
}
