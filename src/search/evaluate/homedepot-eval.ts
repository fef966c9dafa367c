/** Loads the Home Depot search-relevance files and evaluates a ranker on them (benchmark and quality test). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ndcgAt } from './ndcg.js';
import type { SearchDocument } from '../search-document.js';

/** The Home Depot data: products and, per distinct query, the gain (relevance − 1) of each judged product. */
export interface HomeDepotData {
  /** Products as search documents (id and title only). */
  products: SearchDocument[];
  /** Distinct queries with their judgments. */
  queries: { query: string; gains: Map<string, number> }[];
}

/** Reads products.csv and judgments_dev.csv from a folder. */
export function loadHomeDepot(dir: string): HomeDepotData {
  const read = (file: string): Record<string, string>[] =>
    parse<Record<string, string>>(readFileSync(path.join(dir, file)), { columns: true, skip_empty_lines: true });
  const products = read('products.csv').map((r) => ({ id: r.product_uid!, title: r.product_title! }));
  const judgments = read('judgments_dev.csv');
  const byQuery = new Map<string, Map<string, number>>();
  for (const j of judgments) {
    const q = j.search_term!;
    const gains = byQuery.get(q) ?? new Map<string, number>();
    const g = Number(j.relevance) - 1;
    gains.set(j.product_uid!, Math.max(g, gains.get(j.product_uid!) ?? 0));
    byQuery.set(q, gains);
  }
  return { products, queries: [...byQuery].map(([query, gains]) => ({ query, gains })) };
}

/** Mean nDCG@k of a ranker over queries (queries whose judged items all have gain 0 count as 0). */
export function meanNdcg(
  queries: HomeDepotData['queries'],
  rank: (query: string) => readonly string[],
  k = 10,
): number {
  let sum = 0;
  for (const q of queries) sum += ndcgAt(k, rank(q.query), q.gains);
  return queries.length > 0 ? sum / queries.length : 0;
}

// FNV-1a of the query text: the split is the same on every machine and does not depend on file order.
function queryHash(q: string): number {
  let h = 2166136261;
  for (let i = 0; i < q.length; i++) {
    h ^= q.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * Whether a query is in the tuning half of a fixed random split: parameters are chosen on this half
 * and reported on the other as well, so a gain that only fits these queries shows up as a gap.
 */
export function isTuningQuery(query: string): boolean {
  return queryHash(query) % 2 === 0;
}
