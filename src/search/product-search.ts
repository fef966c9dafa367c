/** The product search engine: an inverted index plus ranking, filters, facets, rules and a semantic blend. */
import { analyzeNormalized } from '../text/analyzer.js';
import type { AnalyzeOptions } from '../text/analyzer.js';
import { normalizeText } from '../text/normalize.js';
import type { Token } from '../text/token.js';
import { Bm25fScorer } from './ranking/bm25f-scorer.js';
import type { Bm25fParams } from './ranking/bm25f-scorer.js';
import { DEFAULT_SYNONYMS } from './query/default-synonyms.js';
import { didYouMean } from './query/did-you-mean.js';
import { dimensionTerms } from './indexing/dimension-terms.js';
import { DEFAULT_FIELD_B, DEFAULT_FIELD_WEIGHTS } from './indexing/fields.js';
import { InvertedIndex } from './indexing/inverted-index.js';
import type { MerchandisingRule } from './ranking/merchandising.js';
import { parsePriceQuery } from './query/price-query.js';
import type { Clause } from './query/query-plan.js';
import { planQuery } from './query/query-plan.js';
import { HighlightCache } from './cache/highlight-cache.js';
import { rankCandidates } from './ranking/rank-candidates.js';
import type { RankContext } from './ranking/rank-candidates.js';
import type { SearchDocument } from './search-document.js';
import type { SearchQuery, SearchResponse } from './search-types.js';
import { SemanticModel } from './ranking/semantic-model.js';
import type { SemanticTrainOptions, SerializedSemanticModel } from './ranking/semantic-model.js';
import { SynonymSet } from './query/synonyms.js';
import type { SynonymRule } from './query/synonyms.js';

/** Engine settings; every part of the ranking can be switched off (the benchmark's ablation does). */
export interface ProductSearchOptions {
  /** Analyser options (default: full analysis, plural-only stemming, stop words). */
  analyze?: AnalyzeOptions;
  /** BM25F parameters. */
  bm25?: Partial<Bm25fParams>;
  /** Typo tolerance (default true). */
  typo?: boolean;
  /** Weight of a correction at edit distance 1 relative to an exact match; distance 2 gets its square (default 0.1, chosen on half the Home Depot queries). */
  typoWeight?: number;
  /** Synonym rules (default: the built-in retail list; pass [] for none). */
  synonyms?: readonly SynonymRule[];
  /** Merchandising rules. */
  rules?: readonly MerchandisingRule[];
  /** Exponent on idf-weighted query coverage: higher favours items matching every word (default 2). */
  coordination?: number;
  /** Term-frequency weight of title words after "for"/"with" (default 0.5; 1 disables). */
  modifierWeight?: number;
  /** Extra weight of the last query word, usually the product type in "kitchen sink faucet" (default 0.3). */
  headBoost?: number;
  /** Index adjacent title words as pairs for a proximity bonus (default true). */
  pairs?: boolean;
  /** Index and query sizes joined by "x" as one dimension term: "2 in. x 4 in." matches "2x4" (default true). */
  dimensions?: boolean;
  /** Weight of the adjacent-pair bonus (default 0.5). */
  pairWeight?: number;
  /** Weight of pseudo-relevance-feedback expansion terms learned from the first-pass top results (default 0). */
  feedbackWeight?: number;
  /** First-pass results used for feedback (default 10). */
  feedbackDepth?: number;
  /** Weight of the product-type bonus: the query's last word among a title's head words (default 0.5). */
  headTypeWeight?: number;
  /** Weight of other words with the same Porter stem ("lighting" for "lights") (default 0.3). */
  familyWeight?: number;
  /** Split run-together and join split words in queries (default true). */
  compounds?: boolean;
  /** Strength of the popularity prior (default 0.1). */
  popularityWeight?: number;
  /** Weight of the semantic similarity blended into the top results once a model is trained (default 0.1; 0 disables). */
  semanticWeight?: number;
  /** How many lexical top results the semantic blend re-ranks (default 100). */
  semanticDepth?: number;
}

/** The serialised form of an engine: its documents, settings and learned model (index rebuilt on load). */
export interface SerializedProductSearch {
  /** Format version. */
  version: 1;
  /** Settings. */
  options: ProductSearchOptions;
  /** Documents. */
  documents: SearchDocument[];
  /** The semantic model, if trained. */
  semantic: SerializedSemanticModel | null;
}

/** Counts describing an engine. */
export interface SearchStats {
  /** Live documents. */
  documents: number;
  /** Distinct indexed terms. */
  terms: number;
  /** Distinct surface words (typo/prefix vocabulary). */
  words: number;
  /** Terms with semantic vectors (0 without a model). */
  semanticTerms: number;
  /** Postings (term–document pairs). */
  postings: number;
}

/** An in-memory product search engine over catalogue documents. */
export class ProductSearch {
  /** The underlying index (read it, mutate through the engine). */
  readonly index: InvertedIndex;
  /** Settings in effect. */
  readonly options: ProductSearchOptions;
  private readonly scorer: Bm25fScorer;
  private reviewFactors: ReadonlyMap<string, number> | null = null;
  private reviewFactorBound = 1;
  private readonly highlights: HighlightCache;
  private synonyms: SynonymSet;
  private rules: readonly MerchandisingRule[];
  private semantic: SemanticModel | null = null;
  private readonly vectors = new Map<string, Float32Array>();
  private maxPopularity = 0;

  /** Creates an empty engine. */
  constructor(options: ProductSearchOptions = {}) {
    this.options = options;
    this.index = new InvertedIndex(
      { stemmer: 'plural', ...options.analyze },
      options.modifierWeight ?? 0.5,
      options.pairs ?? true,
      (options.headTypeWeight ?? 0.5) > 0,
      options.dimensions ?? true,
    );
    this.scorer = new Bm25fScorer({
      k1: options.bm25?.k1 ?? 1.2,
      weights: { ...DEFAULT_FIELD_WEIGHTS, ...options.bm25?.weights },
      b: { ...DEFAULT_FIELD_B, ...options.bm25?.b },
    });
    this.highlights = new HighlightCache(this.index);
    this.synonyms = new SynonymSet(options.synonyms ?? DEFAULT_SYNONYMS, this.index.analyzeOptions);
    this.rules = options.rules ?? [];
  }

  /** Builds an engine from documents (later duplicates of an id replace earlier ones). */
  static fromDocuments(docs: Iterable<SearchDocument>, options: ProductSearchOptions = {}): ProductSearch {
    const engine = new ProductSearch(options);
    for (const d of docs) engine.upsert(d);
    return engine;
  }

  /** Restores an engine from {@link ProductSearch.toJSON}. */
  static fromJSON(data: SerializedProductSearch): ProductSearch {
    if (data.version !== 1) throw new Error(`unsupported search index version ${String(data.version)}`);
    const engine = ProductSearch.fromDocuments(data.documents, data.options);
    if (data.semantic) engine.semantic = SemanticModel.fromJSON(data.semantic);
    return engine;
  }

  /**
   * Like {@link ProductSearch.fromJSON}, but yields to the event loop every `chunk` documents: a serving
   * process that adopts a new snapshot keeps answering during the seconds the rebuild takes.
   */
  static async fromJSONAsync(data: SerializedProductSearch, chunk = 1000): Promise<ProductSearch> {
    if (data.version !== 1) throw new Error(`unsupported search index version ${String(data.version)}`);
    const engine = new ProductSearch(data.options);
    const docs = data.documents;
    for (let i = 0; i < docs.length; i++) {
      engine.upsert(docs[i]!);
      if ((i + 1) % chunk === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (data.semantic) engine.semantic = SemanticModel.fromJSON(data.semantic);
    return engine;
  }

  /** Number of live documents. */
  get size(): number {
    return this.index.size;
  }

  /** Adds or replaces a document; searchable at once. */
  upsert(doc: SearchDocument): void {
    this.index.upsert(doc);
    if (doc.popularity !== undefined && doc.popularity > this.maxPopularity) this.maxPopularity = doc.popularity;
  }

  /** Sets a document's popularity prior in place: priors are not indexed text, so no re-analysis; false when absent. */
  setPopularity(id: string, popularity: number | undefined): boolean {
    const slot = this.index.slotOf(id);
    const doc = this.index.docs[slot];
    if (!doc) return false;
    const { popularity: _old, ...rest } = doc;
    const next = popularity !== undefined && popularity > 0 ? { ...rest, popularity } : rest;
    this.index.docs[slot] = next;
    this.index.facetColumns.set(slot, next);
    if (popularity !== undefined && popularity > this.maxPopularity) this.maxPopularity = popularity;
    return true;
  }

  /** Removes a document; false when absent. */
  remove(id: string): boolean {
    this.vectors.delete(id);
    return this.index.remove(id);
  }

  /** The stored document for an id. */
  get(id: string): SearchDocument | undefined {
    return this.index.get(id);
  }

  /** Replaces the synonym rules. */
  setSynonyms(rules: readonly SynonymRule[]): void {
    this.options.synonyms = rules;
    this.synonyms = new SynonymSet(rules, this.index.analyzeOptions);
  }

  /** Multiplies each listed item's relevance by its factor (the opt-in review feature); null: off. */
  setReviewFactors(factors: ReadonlyMap<string, number> | null): void {
    // The service passes the same map until the factors are rebuilt: the bound is computed once per map.
    if (factors !== null && factors !== this.reviewFactors) this.reviewFactorBound = largestFactor(factors);
    this.reviewFactors = factors;
  }

  /** Replaces the merchandising rules. */
  setRules(rules: readonly MerchandisingRule[]): void {
    this.options.rules = rules;
    this.rules = rules;
  }

  /** Learns the built-in semantic model from the current catalogue text (re-run after large changes). */
  trainSemantic(options: SemanticTrainOptions = {}): SemanticModel {
    this.semantic = SemanticModel.train(this.index, options);
    return this.semantic;
  }

  /** The built-in semantic model, if trained. */
  get semanticModel(): SemanticModel | null {
    return this.semantic;
  }

  /** Stores an externally computed embedding for a document (see EmbeddingProvider and `queryVector`). */
  setDocumentVector(id: string, vector: Float32Array): void {
    this.vectors.set(id, vector);
  }

  /** Runs a query. */
  search(query: SearchQuery = {}): SearchResponse {
    const raw = query.q ?? '';
    let text = normalizeText(raw);
    const parsed: SearchResponse['parsed'] = { text };
    if (query.parsePrice ?? true) {
      const p = parsePriceQuery(text);
      text = p.text;
      parsed.text = text;
      if (p.priceMin !== undefined) parsed.priceMin = p.priceMin;
      if (p.priceMax !== undefined) parsed.priceMax = p.priceMax;
    }
    // A unit next to its number is already in the measure token ("33in"); alone, "in" matches half a catalogue.
    const analysed = analyzeNormalized(text, this.index.analyzeOptions);
    if (this.index.dimensions) analysed.push(...dimensionTerms(text, analysed));
    const tokens = dedupe(analysed).filter((t) => t.kind !== 'unit');
    const lastIsPartial = (query.prefix ?? false) && raw.length > 0 && !/\s$/.test(raw);
    const clauses = planQuery(
      this.index,
      tokens,
      {
        typo: query.typo ?? this.options.typo ?? true,
        typoWeight: this.options.typoWeight ?? 0.1,
        prefix: query.prefix ?? false,
        synonyms: this.synonyms,
        headBoost: this.options.headBoost ?? 0.3,
        compounds: this.options.compounds ?? true,
        pairWeight: this.options.pairWeight ?? 0.5,
        familyWeight: this.options.familyWeight ?? 0.3,
        headTypeWeight: this.options.headTypeWeight ?? 0.5,
      },
      lastIsPartial,
    );
    const response = rankCandidates(this.rankContext(), query, clauses, parsed);
    if (
      (query.didYouMean ?? true) &&
      tokens.length > 0 &&
      clauses.some((c) => c.alternatives.every((a) => a.via !== 'exact'))
    ) {
      const suggestion = didYouMean(this.index, text);
      if (suggestion !== null && suggestion !== text) response.didYouMean = suggestion;
    }
    return response;
  }

  /** A spelling suggestion for a query, or null. */
  didYouMean(q: string): string | null {
    return didYouMean(this.index, q);
  }

  /** Counts describing the engine. */
  stats(): SearchStats {
    let postings = 0;
    for (const p of this.index.postDocs) postings += p.length;
    return {
      documents: this.index.size,
      terms: this.index.terms.length,
      words: this.index.surfaces.size,
      semanticTerms: this.semantic?.size ?? 0,
      postings,
    };
  }

  /** A compact serialisable snapshot. */
  toJSON(): SerializedProductSearch {
    return {
      version: 1,
      options: this.options,
      documents: [...this.index.documents()],
      semantic: this.semantic ? this.semantic.toJSON() : null,
    };
  }

  private rankContext(): RankContext {
    return {
      index: this.index,
      scorer: this.scorer,
      highlights: this.highlights,
      rules: this.rules,
      semantic: (this.options.semanticWeight ?? 0.1) > 0 ? this.semantic : null,
      vectors: this.vectors,
      coordination: this.options.coordination ?? 2,
      reviewFactors: this.reviewFactors,
      reviewFactorBound: this.reviewFactorBound,
      popularityWeight: this.options.popularityWeight ?? 0.1,
      maxPopularity: this.maxPopularity,
      semanticWeight: this.options.semanticWeight ?? 0.1,
      semanticDepth: this.options.semanticDepth ?? 100,
      feedbackWeight: this.options.feedbackWeight ?? 0,
      feedbackDepth: this.options.feedbackDepth ?? 10,
    };
  }
}

// The largest review factor (an item without one gets 1); Infinity when one is negative or not finite.
function largestFactor(factors: ReadonlyMap<string, number>): number {
  let max = 1;
  for (const f of factors.values()) {
    if (!(f >= 0) || !Number.isFinite(f)) return Infinity;
    if (f > max) max = f;
  }
  return max;
}

function dedupe(tokens: Token[]): Token[] {
  const seen = new Set<string>();
  return tokens.filter((t) => (seen.has(t.term) ? false : (seen.add(t.term), true)));
}

/** Clauses are exported for tests and explanations. */
export type { Clause };
