/** `daogou search-batch`: index an items CSV and run a file of queries, writing one JSON line per query. No database. */
import { Command } from 'commander';
import { batchSearch } from '../../search/index.js';
import { checkItemsCsv } from '../../search/index.js';

/** The search-batch command. */
export function searchBatchCommand(): Command {
  return new Command('search-batch')
    .description(
      'search a CSV of items (header: id,title[,description,category,brand,price]) for every query of a file',
    )
    .requiredOption('--items <file>', 'items CSV')
    .requiredOption('--queries <file>', 'queries, one per line')
    .option('--k <n>', 'results per query', '10')
    .requiredOption('--out <file>', 'output: one {"query", "items"} JSON line per query')
    .action(async (opts: { items: string; queries: string; k: string; out: string }) => {
      const k = Number(opts.k);
      if (!Number.isInteger(k) || k < 1) throw new Error(`--k must be a positive integer, got "${opts.k}"`);
      await checkItemsCsv(opts.items);
      const started = performance.now();
      const summary = await batchSearch({ itemsCsvPath: opts.items, queriesPath: opts.queries, k, outPath: opts.out });
      const seconds = (performance.now() - started) / 1000;
      console.error(
        `searched ${summary.items} items for ${summary.queries} queries in ${seconds.toFixed(1)} s; wrote ${opts.out}`,
      );
    });
}
