/** Loads the Home Depot search-relevance files and evaluates a ranker on them (benchmark and quality test). */
import path from 'node:path';
import { readCsvTable } from '../../datasets/index.js';
import { ndcgAt } from './ndcg.js';
import type { SearchDocument } from '../search-document.js';

/** The Home Depot data: products and, per distinct query, the gain (relevance − 1) of each judged product. */
export interface HomeDepotData {
  /** Products as search documents (id and title only). */
  products: SearchDocument[];
  /** Distinct queries with their judgments. */
  queries: { query: string; gains: Map<string, number> }[];
}

/** Reads products.csv and judgments_dev.csv from a folder (a row that cannot be read fails with its line). */
export async function loadHomeDepot(dir: string): Promise<HomeDepotData> {
  const products: SearchDocument[] = [];
  const productsFile = path.join(dir, 'products.csv');
  for await (const r of readCsvTable(productsFile, ['product_uid', 'product_title'])) {
    if ('error' in r) throw new Error(`${productsFile}:${r.line}: ${r.error}`);
    products.push({ id: r.cell('product_uid'), title: r.cell('product_title') });
  }
  const byQuery = new Map<string, Map<string, number>>();
  const judgmentsFile = path.join(dir, 'judgments_dev.csv');
  for await (const j of readCsvTable(judgmentsFile, ['product_uid', 'search_term', 'relevance'])) {
    if ('error' in j) throw new Error(`${judgmentsFile}:${j.line}: ${j.error}`);
    const q = j.cell('search_term');
    const id = j.cell('product_uid');
    const gains = byQuery.get(q) ?? new Map<string, number>();
    const g = Number(j.cell('relevance')) - 1;
    gains.set(id, Math.max(g, gains.get(id) ?? 0));
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
