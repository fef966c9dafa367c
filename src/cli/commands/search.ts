/** `daogou search query|stats|reindex|refresh`: product search over the store from the command line. */
import { Command } from 'commander';
import { refreshSearch } from '../../search/index.js';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

const positiveInt = (flag: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got "${value}"`);
  return n;
};

/** The search command group. */
export function searchCommand(): Command {
  const search = new Command('search').description('product search: query, statistics, reindex, refresh');

  search
    .command('query <text>')
    .description('search the catalogue')
    .option('--limit <n>', 'results', '10')
    .option('--category <path>', 'category path prefix')
    .option('--json', 'print the full response as JSON')
    .action(async (text: string, opts: { limit: string; category?: string; json?: boolean }, cmd: Command) => {
      const pageSize = positiveInt('--limit', opts.limit);
      await withEngine(cmd, async (engine) => {
        const result = await engine.search.search({
          q: text,
          pageSize: Math.min(pageSize, 100),
          ...(opts.category !== undefined ? { category: [opts.category] } : {}),
        });
        if (opts.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        console.log(
          `${result.total} results for "${text}"${result.didYouMean ? ` (did you mean "${result.didYouMean}"?)` : ''}`,
        );
        for (const h of result.items) {
          const price = h.item.price === null ? '' : `  ${h.item.price} ${h.item.currency ?? ''}`.trimEnd();
          console.log(`  ${h.id}  ${h.item.title}${price}  [${h.item.category ?? ''}]`);
        }
      });
    });

  search
    .command('stats')
    .description('query analytics: top queries, zero-result queries, searches followed by a click')
    .option('--days <n>', 'look back this many days', '30')
    .option('--limit <n>', 'queries per list', '20')
    .option('--json', 'print JSON')
    .action(async (opts: { days: string; limit: string; json?: boolean }, cmd: Command) => {
      const days = positiveInt('--days', opts.days);
      const limit = positiveInt('--limit', opts.limit);
      await withEngine(cmd, async (engine) => {
        const r = await engine.search.stats(days, limit);
        if (opts.json) {
          console.log(JSON.stringify(r, null, 2));
          return;
        }
        const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
        console.log(`Searches since ${r.since.slice(0, 10)}: ${r.searches} (${r.distinctQueries} distinct queries)`);
        console.log(`  zero results      ${r.zeroResultSearches} (${pct(r.zeroResultRate)})`);
        console.log(
          `  followed by click ${pct(r.clickThroughRate)} of ${r.searchesWithSession} searches with a session`,
        );
        console.log('Top queries:');
        for (const q of r.topQueries) console.log(`  ${String(q.searches).padStart(6)}  ${q.query}`);
        console.log('Zero-result queries:');
        for (const q of r.zeroResultQueries) console.log(`  ${String(q.zeroResults).padStart(6)}  ${q.query}`);
      });
    });

  search
    .command('reindex')
    .description('rebuild the search index from the catalogue now and save a snapshot')
    .action(async (_opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const total = await engine.store.items.count();
        const progress = startProgress('indexing', total, 'items');
        await engine.search.ready();
        const r = await engine.search.rebuild((done) => progress.update(done, total));
        progress.finish(`indexed ${r.documents} searchable items of ${r.items}`);
        console.log(`indexed ${r.documents} searchable items (${r.items} in the catalogue); snapshot saved`);
      });
    });

  search
    .command('refresh')
    .description('recompute popularity priors, learned synonyms, suggestions and the semantic model now')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const r = await refreshSearch(engine.search, engine.store, engine.clock);
        if (opts.json) {
          console.log(JSON.stringify(r, null, 2));
          return;
        }
        console.log(
          `priors for ${r.itemsWithPrior} items (${r.priorsChanged} changed), ${r.learnedSynonyms.length} learned synonyms, ${r.queries} past queries, ${r.semanticTerms} semantic terms; snapshot ${r.snapshot}`,
        );
        for (const s of r.learnedSynonyms.slice(0, 20)) console.log(`  ${s.from} → ${s.to.join(', ')}`);
      });
    });

  return search;
}
