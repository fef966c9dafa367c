/** Batch search for the CLI: index an items CSV, run every query of a text file, write JSON lines. */
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
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

/** Reads catalogue items from a CSV file (quoted fields and extra columns tolerated). */
export async function readItemsCsv(file: string): Promise<SearchDocument[]> {
  const parser = createReadStream(file).pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }),
  );
  const docs: SearchDocument[] = [];
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string | undefined>>) {
    line++;
    const id = row.id;
    if (id === undefined || row.title === undefined) {
      throw new Error(`${file}: the header must name the columns "id" and "title" (row ${line})`);
    }
    if (id.length === 0) continue;
    const doc: SearchDocument = { id, title: row.title };
    if (row.description) doc.description = row.description;
    if (row.category) doc.category = row.category;
    if (row.brand) doc.brand = row.brand;
    if (row.price !== undefined && row.price !== '' && Number.isFinite(Number(row.price)))
      doc.price = Number(row.price);
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
