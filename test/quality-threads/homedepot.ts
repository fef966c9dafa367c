/** Thread side of src/search/evaluate/homedepot-quality.test.ts: product search over every judged Home Depot query. */
import { loadHomeDepot, meanNdcg } from '../../src/search/evaluate/homedepot-eval.js';
import { ProductSearch } from '../../src/search/product-search.js';
import { postResult } from './post-result.js';

await postResult(async ({ dir }: { dir: string }) => {
  const data = await loadHomeDepot(dir);
  const engine = ProductSearch.fromDocuments(data.products);
  const ndcg = meanNdcg(data.queries, (q) => engine.search({ q, limit: 10, didYouMean: false }).hits.map((h) => h.id));
  return { products: data.products.length, queries: data.queries.length, ndcg };
});
