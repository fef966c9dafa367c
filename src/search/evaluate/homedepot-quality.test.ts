import { describe, expect, it } from 'vitest';
import { runInThread } from '../../../test/quality-threads/run-in-thread.js';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';

const dir = datasetPath('homedepot-search');
if (!dir) console.warn(missingDatasetMessage('homedepot-search'));

describe.skipIf(!dir)('Home Depot search quality', () => {
  it('keeps nDCG@10 over every judged query above the floor (plain BM25 + stemming reference: 0.386)', async () => {
    // Indexed and searched in a worker thread (test/quality-threads/homedepot.ts): see run-in-thread.ts for why.
    const r = await runInThread<{ products: number; queries: number; ndcg: number }>('homedepot', { dir });
    expect(r.products).toBe(54_667);
    console.log(`homedepot nDCG@10 = ${r.ndcg.toFixed(4)} over ${r.queries} queries`);
    expect(r.ndcg).toBeGreaterThanOrEqual(0.43);
  });
});
