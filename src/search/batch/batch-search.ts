/** Batch search for the CLI: index an items CSV, run every query of a text file, write JSON lines. */
import { readFile, writeFile } from 'node:fs/promises';
import { readCsvTable } from '../../datasets/index.js';
import { ProductSearch } from '../product-search.js';
import type { ProductSearchOptions } from '../product-search.js';
import type { SearchDocument } from '../search-document.js';

/** Inputs of {@link batchSearch}. */
export interface BatchSearchOptions {
  /** CSV with a header containing `id,title` and optionally `description,category,brand,price` (others ignored). */
  itemsCsvPath: string;
  /** One query per line (blank lines skipped). */
  queriesPath: string;
  /** Results per query. */
  k: number;
  /** Output path: one `{"query": …, "items": [id, …]}` line per query. */
  outPath: string;
  /** Engine settings (default ranking when omitted). */
  engine?: ProductSearchOptions;
}

/** What {@link batchSearch} did. */
export interface BatchSearchSummary {
  /** Items indexed. */
  items: number;
  /** Queries run. */
  queries: number;
}

/** Reads catalogue items from a CSV file (quoted fields, any header case and extra columns tolerated). */
export async function readItemsCsv(file: string): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  const rows = readCsvTable(file, ['id', 'title'], {
    optional: ['description', 'category', 'brand', 'price'],
    ignoreCase: true,
  });
  for await (const row of rows) {
    if ('error' in row) throw new Error(`${file}:${row.line}: ${row.error}`);
    const id = row.cell('id');
    if (id.length === 0) continue;
    const doc: SearchDocument = { id, title: row.cell('title') };
    for (const field of ['description', 'category', 'brand'] as const) {
      const text = row.cell(field);
      if (text) doc[field] = text;
    }
    const price = row.cell('price');
    if (price !== '' && Number.isFinite(Number(price))) doc.price = Number(price);
    docs.push(doc);
  }
  return docs;
}

/** Indexes the items, runs each query with the default ranking, and writes one JSON line per query. */
export async function batchSearch(options: BatchSearchOptions): Promise<BatchSearchSummary> {
  if (!Number.isInteger(options.k) || options.k < 1) throw new Error('k must be a positive integer');
  const docs = await readItemsCsv(options.itemsCsvPath);
  const engine = ProductSearch.fromDocuments(docs, options.engine);
  const queries = (await readFile(options.queriesPath, 'utf8'))
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter((q) => q.length > 0);
  const lines = queries.map((query) => {
    const items = engine.search({ q: query, limit: options.k, didYouMean: false }).hits.map((h) => h.id);
    return JSON.stringify({ query, items });
  });
  await writeFile(options.outPath, lines.length > 0 ? lines.join('\n') + '\n' : '');
  return { items: engine.size, queries: queries.length };
}
