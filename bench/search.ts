/**
 * Product search benchmark on Home Depot (54,667 titles, ~5,900 judged queries): nDCG@10 ablation (also
 * per half of a fixed random split: A is where parameters were tuned, B is held out), in-process latency, index time and memory, MiniSearch side by side, and HTTP throughput with autocannon.
 * Flags: --no-ablation --no-minisearch --no-http --queries N (first N queries) --duration S (HTTP seconds)
 * --fuzzy-sample N (queries for MiniSearch's slow fuzzy mode, default 300) --no-facets.
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import MiniSearch from 'minisearch';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { isTuningQuery, loadHomeDepot } from '../src/search/evaluate/homedepot-eval.js';
import { ndcgAt } from '../src/search/evaluate/ndcg.js';
import type { HomeDepotData } from '../src/search/evaluate/homedepot-eval.js';
import { ProductSearch } from '../src/search/product-search.js';
import type { ProductSearchOptions } from '../src/search/product-search.js';
import type { SemanticTrainOptions } from '../src/search/ranking/semantic-model.js';
import type { FacetRequest } from '../src/search/facets.js';
import type { SearchDocument } from '../src/search/search-document.js';
import type { BenchRow } from './report.js';
import { writeReport } from './report.js';

const PLAIN: ProductSearchOptions = {
  analyze: { mode: 'simple', stem: false, stopWords: false },
  typo: false,
  typoWeight: 0.7,
  compounds: false,
  synonyms: [],
  coordination: 0,
  modifierWeight: 1,
  pairs: false,
  dimensions: false,
  headTypeWeight: 0,
  headBoost: 0,
  familyWeight: 0,
  popularityWeight: 0,
  semanticWeight: 0,
};
const PORTER: ProductSearchOptions = { ...PLAIN, analyze: { stemmer: 'porter' } };
const LIGHT: ProductSearchOptions = { ...PLAIN, analyze: {}, familyWeight: 0.3 };
const TYPO: ProductSearchOptions = { ...LIGHT, typo: true, compounds: true };
const STRUCTURE: ProductSearchOptions = { popularityWeight: 0, semanticWeight: 0, dimensions: false, typoWeight: 0.7 };

/** Each step adds one part of the ranking to the previous one. */
const STEPS: { name: string; options: ProductSearchOptions; semantic?: SemanticTrainOptions }[] = [
  { name: 'plain BM25 (lower-case split)', options: PLAIN },
  { name: '+ normalisation, units/SKUs, stop words, Porter stemming', options: PORTER },
  { name: '+ plural-only stemming, Porter family at 0.3', options: LIGHT },
  { name: '+ typo tolerance (corrections at 0.7), compound split/join', options: TYPO },
  { name: '+ synonyms (built-in list)', options: { ...TYPO, synonyms: undefined } },
  { name: '+ coverage, proximity pairs, product type, modifiers', options: STRUCTURE },
  { name: '+ dimension terms ("2 in. x 4 in." = "2x4")', options: { ...STRUCTURE, dimensions: true } },
  {
    name: '+ corrections weighted 0.1, tuned on half A (= default)',
    options: { popularityWeight: 0, semanticWeight: 0 },
  },
  {
    name: '+ semantic (random indexing, catalogue-only)',
    options: { popularityWeight: 0 },
    semantic: { method: 'random-indexing' },
  },
  {
    name: '+ semantic (LSA, 128-d SVD, catalogue-only)',
    options: { popularityWeight: 0 },
    semantic: { method: 'lsa' },
  },
  { name: '+ popularity prior (no data in this set: no-op)', options: {}, semantic: { method: 'random-indexing' } },
];

function flag(args: string[], name: string): boolean {
  return args.includes(`--${name}`);
}

function value(args: string[], name: string): number | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

// tsx runs the bench in a child process, so --expose-gc cannot be passed on the command line.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface Measured {
  ndcg: number;
  /** nDCG on the tuning half and on the held-out half of the queries. */
  ndcgA: number;
  ndcgB: number;
  p50: number;
  p99: number;
  mean: number;
  indexMs: number;
}

/** Times every query after one warm-up pass; nDCG from the timed pass, overall and per half. */
function measure(queries: HomeDepotData['queries'], rank: (q: string) => readonly string[]): Omit<Measured, 'indexMs'> {
  for (const q of queries.slice(0, 200)) rank(q.query);
  const times: number[] = [];
  const sums = { all: 0, a: 0, b: 0, na: 0, nb: 0 };
  for (const q of queries) {
    const t = performance.now();
    const r = rank(q.query);
    times.push(performance.now() - t);
    const v = ndcgAt(10, r, q.gains);
    sums.all += v;
    if (isTuningQuery(q.query)) {
      sums.a += v;
      sums.na++;
    } else {
      sums.b += v;
      sums.nb++;
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  return {
    ndcg: sums.all / Math.max(1, queries.length),
    ndcgA: sums.a / Math.max(1, sums.na),
    ndcgB: sums.b / Math.max(1, sums.nb),
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    mean,
  };
}

// Home Depot has titles only: facet fields are derived from them (brand = first word, category = 3 levels).
function withFacetFields(docs: readonly SearchDocument[]): SearchDocument[] {
  return docs.map((d, i) => {
    const words = d.title.split(/\s+/).filter((w) => w.length > 0);
    const type = (words[words.length - 1] ?? 'other').toLowerCase();
    return {
      ...d,
      brand: words[0] ?? 'none',
      category: `Dept ${String(i % 12)}/${type.slice(0, 1)}/${type}`,
      price: (i * 7919) % 1000,
      attributes: { colour: ['white', 'black', 'chrome', 'brass', 'nickel'][i % 5]! },
    };
  });
}

const FACETS: FacetRequest = { category: true, brand: true, priceBands: [50, 100, 250, 500], attributes: ['colour'] };

function ourRanker(engine: ProductSearch): (q: string) => string[] {
  return (q) => engine.search({ q, limit: 10, didYouMean: false }).hits.map((h) => h.id);
}

async function http(engine: ProductSearch, queries: string[], seconds: number): Promise<BenchRow> {
  const app = Fastify({ logger: false });
  app.get<{ Querystring: { q?: string } }>('/search', (req) => {
    const res = engine.search({ q: req.query.q ?? '', limit: 10, didYouMean: false });
    return { total: res.total, hits: res.hits.map((h) => ({ id: h.id, title: h.document.title, score: h.score })) };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 10,
      duration: seconds,
      // The load generator runs in a worker thread so it does not share the server's event loop.
      workers: 1,
      requests: queries.map((q) => ({ method: 'GET', path: `/search?q=${encodeURIComponent(q)}` })),
    });
    return {
      part: 'HTTP (Fastify + autocannon in a worker thread, 10 connections)',
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      errors: result.errors + result.non2xx,
      seconds,
    };
  } finally {
    await app.close();
  }
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const dir = datasetPath('homedepot-search');
  if (!dir) {
    console.warn(missingDatasetMessage('homedepot-search'));
    return;
  }
  const data = await loadHomeDepot(dir);
  const n = value(args, 'queries');
  const queries = n ? data.queries.slice(0, n) : data.queries;
  console.log(`homedepot: ${data.products.length} products, ${queries.length} queries`);
  const rows: BenchRow[] = [];
  // The machine may be shared: the load average says how much to trust the timings.
  const extra: Record<string, unknown> = { reference: { xapianBm25Stemmer: 0.386 }, loadAverageAtStart: os.loadavg() };

  if (!flag(args, 'no-ablation')) {
    for (const step of STEPS) {
      const t = performance.now();
      const engine = ProductSearch.fromDocuments(data.products, step.options);
      if (step.semantic) engine.trainSemantic(step.semantic);
      const indexMs = performance.now() - t;
      const m = measure(queries, ourRanker(engine));
      rows.push({
        system: `daogou ${step.name}`,
        'nDCG@10': m.ndcg,
        'A (tuning)': m.ndcgA,
        'B (held out)': m.ndcgB,
        'p50 ms': m.p50,
        'p99 ms': m.p99,
        'index ms': indexMs,
      });
      console.log(`  ${step.name}: ${m.ndcg.toFixed(4)} (A ${m.ndcgA.toFixed(4)}, B ${m.ndcgB.toFixed(4)})`);
    }
  }

  // The default engine as the lead wires it: lexical index only (the semantic model is a separate job).
  const before = heapMiB();
  let t = performance.now();
  const engine = ProductSearch.fromDocuments(data.products);
  const indexMs = performance.now() - t;
  const after = heapMiB();
  t = performance.now();
  engine.trainSemantic();
  const semanticMs = performance.now() - t;
  const withModel = heapMiB();
  engine.options.semanticWeight = 0;
  const full = measure(queries, ourRanker(engine));
  rows.push({
    system: 'daogou default (no semantic)',
    'nDCG@10': full.ndcg,
    'A (tuning)': full.ndcgA,
    'B (held out)': full.ndcgB,
    'p50 ms': full.p50,
    'p99 ms': full.p99,
    'mean ms': full.mean,
    'index ms': indexMs,
  });
  extra.memory = {
    heapBeforeMiB: before,
    heapAfterIndexMiB: after,
    indexMiB: after - before,
    semanticModelMiB: withModel - after,
    semanticTrainMs: semanticMs,
  };
  extra.stats = engine.stats();
  t = performance.now();
  const json = JSON.stringify(engine.toJSON());
  const serialiseMs = performance.now() - t;
  t = performance.now();
  ProductSearch.fromJSON(JSON.parse(json) as ReturnType<ProductSearch['toJSON']>);
  extra.serialisation = { bytes: json.length, serialiseMs, loadMs: performance.now() - t };

  if (!flag(args, 'no-facets')) {
    // Same queries with and without facets on an engine whose documents carry facet fields.
    const faceted = ProductSearch.fromDocuments(withFacetFields(data.products), { semanticWeight: 0 });
    for (const [name, facets] of [
      ['daogou facet fields, no facets requested', undefined],
      ['daogou facet fields, facets requested', FACETS],
    ] as const) {
      const m = measure(queries, (q) =>
        faceted.search({ q, limit: 10, didYouMean: false, facets }).hits.map((h) => h.id),
      );
      rows.push({ system: name, 'nDCG@10': m.ndcg, 'p50 ms': m.p50, 'p99 ms': m.p99, 'mean ms': m.mean });
    }
  }

  if (!flag(args, 'no-minisearch')) {
    // MiniSearch's fuzzy search walks its whole radix tree per word, so that variant runs on a sample.
    const sample = queries.slice(0, value(args, 'fuzzy-sample') ?? 300);
    for (const [name, opts, qs] of [
      ['MiniSearch 7 (defaults)', {}, queries],
      [`MiniSearch 7 (fuzzy 0.2, prefix; first ${sample.length} queries)`, { fuzzy: 0.2, prefix: true }, sample],
    ] as const) {
      const t0 = performance.now();
      const mini = new MiniSearch<{ id: string; title: string }>({ fields: ['title'], searchOptions: opts });
      mini.addAll(data.products.map((p) => ({ id: p.id, title: p.title })));
      const miniMs = performance.now() - t0;
      const m = measure(qs, (q) =>
        mini
          .search(q)
          .slice(0, 10)
          .map((r) => String(r.id)),
      );
      rows.push({ system: name, 'nDCG@10': m.ndcg, 'p50 ms': m.p50, 'p99 ms': m.p99, 'index ms': miniMs });
    }
  }

  let httpRow: BenchRow | null = null;
  if (!flag(args, 'no-http')) {
    httpRow = await http(
      engine,
      queries.map((q) => q.query),
      value(args, 'duration') ?? 10,
    );
    extra.http = httpRow;
  }
  extra.loadAverageAtEnd = os.loadavg();
  writeReport('search', rows, extra);
  if (httpRow) console.table(httpRow);
  console.log('memory', extra.memory, '\nserialisation', extra.serialisation);
}
