/**
 * Search latency by catalogue size, in one process: `npm run bench -- search-catalogue [--items 20000,100000]
 * [--repeat R] [--root DIR] [--no-semantic] [--no-priors] [--check DIR]`.
 *
 * Builds the scale benchmark's generated catalogue (same titles, descriptions, categories, brands and prices as
 * bench/scale.ts writes in SQL; popularity priors from a skewed draw like its events) into one engine, as an
 * API process holds it, trains the semantic model as the search refresh does, and times the scale probes'
 * queries ("red dress", "blue shirt", …: "red dress" matches 26,716 of 100,000 items) plus variants with
 * facets, a filter, personalisation, a later page and a price order. `--root DIR` loads the engine from another tree's `src/` (the
 * baseline, run alternately by the caller). `--check DIR` also runs every query on DIR's engine and fails
 * unless both return the same hits, scores, totals and facets. Writes bench/results/search-catalogue.json.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ItemRecord } from '../src/store/repositories/item-repository.js';
import { seededRandom } from '../src/math/random.js';
import { itemDocument } from '../src/search/service/item-document.js';
import type { ProductSearch as ProductSearchClass } from '../src/search/product-search.js';
import type { SearchQuery, SearchResponse } from '../src/search/search-types.js';
import { writeReport, type BenchRow } from './report.js';

const WORDS = ['red', 'blue', 'green', 'black', 'white', 'silk', 'cotton', 'wool', 'linen', 'leather'];
const NOUNS = ['dress', 'shirt', 'kettle', 'lamp', 'chair', 'mug', 'scarf', 'boots', 'jacket', 'teapot'];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The scale benchmark's item g (see `generate` in bench/scale.ts). */
function item(g: number): ItemRecord {
  return {
    id: `i${g}`,
    title: `${WORDS[g % 10]} ${NOUNS[Math.floor(g / 10) % 10]} ${g}`,
    description: `a ${WORDS[Math.floor(g / 7) % 10]} ${NOUNS[g % 10]} from brand ${g % 300}`,
    category: `Cat${g % 40}/Sub${g % 400}`,
    brand: `Brand${g % 300}`,
    price: 5 + ((g * 37) % 500),
    currency: 'EUR',
    stock: (g * 13) % 50,
    attributes: {},
    images: [],
    tags: [],
    translations: {},
    active: true,
    createdAt: 0,
    updatedAt: 0,
  };
}

type Engine = typeof ProductSearchClass;

async function loadEngine(root: string): Promise<Engine> {
  const mod = (await import(pathToFileURL(path.join(root, 'src/search/product-search.ts')).href)) as {
    ProductSearch: Engine;
  };
  return mod.ProductSearch;
}

function build(Engine: Engine, items: number, semantic: boolean, priors: boolean): ProductSearchClass {
  const random = seededRandom(42); // the same priors on every run
  const events = new Map<number, number>();
  // Skewed toward popular items like the scale benchmark's events: 1 + floor(random^2.5 · items).
  for (let e = 0; e < items * 2; e++) {
    const g = 1 + Math.floor(random() ** 2.5 * items);
    events.set(g, (events.get(g) ?? 0) + 1);
  }
  const engine = new Engine();
  for (let g = 1; g <= items; g++) {
    const doc = itemDocument(item(g), priors ? events.get(g) : undefined);
    if (doc) engine.upsert(doc);
  }
  if (semantic) engine.trainSemantic();
  return engine;
}

/** The probe queries and the variants timed. */
function queries(): { name: string; query: SearchQuery }[] {
  const texts = WORDS.flatMap((w, i) => NOUNS.map((n, j) => (i + j) % 3 === 0 && `${w} ${n}`)).filter(
    (q): q is string => typeof q === 'string',
  );
  const base = (q: string): SearchQuery => ({ q, limit: 10, offset: 0, highlight: true, filters: {} });
  return [
    ...texts.map((q) => ({ name: 'two words (the scale probe)', query: base(q) })),
    ...texts.map((q) => ({ name: 'one word', query: base(q.split(' ')[1]!) })),
    ...texts.map((q) => ({
      name: 'two words, facets category/brand/price',
      query: { ...base(q), facets: { category: true, brand: true, priceBands: [50, 100, 200, 500], limit: 20 } },
    })),
    ...texts.map((q) => ({
      name: 'two words, in stock, price ≤ 300',
      query: { ...base(q), filters: { inStock: true, priceMax: 300 } },
    })),
    ...texts.map((q) => ({
      name: 'two words, personalised',
      query: { ...base(q), personalization: { brands: { brand7: 1, brand8: 0.5 }, categories: { cat3: 1 } } },
    })),
    ...texts.map((q) => ({ name: 'two words, page 3', query: { ...base(q), offset: 20 } })),
    ...texts.map((q) => ({ name: 'two words, by price', query: { ...base(q), sort: 'price-asc' as const } })),
  ];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function same(a: SearchResponse, b: SearchResponse): string | null {
  if (a.total !== b.total) return `total ${a.total} ≠ ${b.total}`;
  if (a.hits.length !== b.hits.length) return `hits ${a.hits.length} ≠ ${b.hits.length}`;
  for (let i = 0; i < a.hits.length; i++) {
    const x = a.hits[i]!;
    const y = b.hits[i]!;
    if (x.id !== y.id || Math.abs(x.score - y.score) > 1e-9 * Math.max(1, Math.abs(y.score)))
      return `hit ${i}: ${x.id} ${x.score} ≠ ${y.id} ${y.score}`;
  }
  if (JSON.stringify(a.facets) !== JSON.stringify(b.facets)) return 'facets differ';
  return null;
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const itemCounts = (option(args, 'items') ?? '20000,100000').split(',').map(Number);
  const repeat = Number(option(args, 'repeat') ?? 5);
  const semantic = !args.includes('--no-semantic');
  const priors = !args.includes('--no-priors');
  const rootArg = option(args, 'root');
  const root = path.resolve(rootArg ?? path.resolve(import.meta.dirname, '..'));
  const checkArg = option(args, 'check');
  const Engine = await loadEngine(root);
  const load = os.loadavg();
  console.log(
    `engine from ${root}; semantic ${semantic ? 'on' : 'off'}; priors ${priors ? 'on' : 'off'}; load average ${load.map((l) => l.toFixed(1)).join(' ')}`,
  );
  const rows: BenchRow[] = [];
  for (const items of itemCounts) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let t = performance.now();
    const engine = build(Engine, items, semantic, priors);
    const buildS = (performance.now() - t) / 1000;
    global.gc?.();
    const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    rows.push({ items, measure: 'index build (+ semantic training)', value: buildS, unit: 's' });
    rows.push({ items, measure: 'heap held by the engine', value: heapMiB, unit: 'MiB' });
    const qs = queries();
    if (checkArg) {
      const Reference = await loadEngine(path.resolve(checkArg));
      const reference = build(Reference, items, semantic, priors);
      let checked = 0;
      for (const { name, query } of qs) {
        const diff = same(engine.search(query), reference.search(query));
        if (diff) throw new Error(`${items} items, ${name} "${query.q}": ${diff}`);
        checked++;
      }
      console.log(`  ${items} items: ${checked} queries give the same hits, scores, totals and facets as ${checkArg}`);
    }
    for (const { query } of qs.slice(0, 20)) engine.search(query); // warm-up
    const samples = new Map<string, number[]>();
    for (let r = 0; r < repeat; r++) {
      for (const { name, query } of qs) {
        t = performance.now();
        engine.search(query);
        const ms = performance.now() - t;
        const list = samples.get(name) ?? [];
        list.push(ms);
        samples.set(name, list);
      }
    }
    for (const [name, list] of samples) {
      list.sort((a, b) => a - b);
      rows.push({
        items,
        measure: name,
        value: quantile(list, 0.5),
        'p99 ms': quantile(list, 0.99),
        unit: 'p50 ms',
        n: list.length,
      });
    }
  }
  writeReport('search-catalogue', rows, {
    root,
    semantic,
    repeat,
    loadAverageAtStart: load,
    loadAverageAtEnd: os.loadavg(),
  });
}
