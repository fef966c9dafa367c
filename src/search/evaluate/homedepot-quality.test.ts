import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { loadHomeDepot, meanNdcg } from './homedepot-eval.js';
import { ProductSearch } from '../product-search.js';

const dir = datasetPath('homedepot-search');
if (!dir) console.warn(missingDatasetMessage('homedepot-search'));

describe.skipIf(!dir)('Home Depot search quality', () => {
  it('keeps nDCG@10 over every judged query above the floor (plain BM25 + stemming reference: 0.386)', async () => {
    const data = await loadHomeDepot(dir!);
    expect(data.products.length).toBe(54_667);
    const engine = ProductSearch.fromDocuments(data.products);
    const ndcg = meanNdcg(data.queries, (q) =>
      engine.search({ q, limit: 10, didYouMean: false }).hits.map((h) => h.id),
    );
    console.log(`homedepot nDCG@10 = ${ndcg.toFixed(4)} over ${data.queries.length} queries`);
    expect(ndcg).toBeGreaterThanOrEqual(0.43);
  });
});
