/**
 * Pricing: on a simulated store with known demand curves, how close the estimated elasticities come to
 * the truth and what share of the best achievable profit the suggestions earn (the best found with the
 * true curve under the same guard rails); on online-retail-france, elasticities with intervals for the
 * products whose price varied.
 */
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { estimateElasticities } from '../src/pricing/elasticity.js';
import { readOnlineRetailPrices } from '../src/pricing/data/online-retail-prices.js';
import { simulateStore } from '../src/pricing/simulate-demand.js';
import { outcomeAt, suggestPrice, type PriceGuardRails, type PriceInput } from '../src/pricing/suggest-price.js';
import { median, writeReport, type BenchRow } from './report.js';

const r4 = (v: number) => Number(v.toFixed(4));

export default async function pricing(args: string[]): Promise<void> {
  const items = Number(args[args.indexOf('--items') + 1] || 400);
  const rows: BenchRow[] = [];
  const rails: PriceGuardRails = { maxChange: 0.3, minMargin: 0.1, ending: '0.99' };
  for (const seed of [1, 2, 3]) {
    const store = simulateStore({ items, seed });
    const started = performance.now();
    const estimates = estimateElasticities(store.map((s) => s.history));
    const ms = performance.now() - started;
    const errors: number[] = [];
    let covered = 0;
    let earned = 0;
    let best = 0;
    let current = 0;
    estimates.forEach((e, i) => {
      const truth = store[i]!;
      errors.push(Math.abs(e.elasticity - truth.trueElasticity));
      if (e.low <= truth.trueElasticity && truth.trueElasticity <= e.high) covered++;
      const base: Omit<PriceInput, 'elasticity'> = {
        itemId: e.itemId,
        currentPrice: truth.basePrice,
        unitCost: truth.unitCost,
        expectedUnits: truth.baseUnits,
      };
      const suggested = suggestPrice({ ...base, elasticity: { value: e.elasticity, low: e.low, high: e.high } }, rails);
      const ideal = suggestPrice({ ...base, elasticity: { value: truth.trueElasticity, low: 0, high: 0 } }, rails);
      const truthAt = (price: number) =>
        outcomeAt({ ...base, elasticity: { value: truth.trueElasticity, low: 0, high: 0 } }, price);
      earned += truthAt(suggested.suggested.price).profit;
      best += ideal.suggested.profit;
      current += truthAt(truth.basePrice).profit;
    });
    rows.push({
      data: `simulated, seed ${seed}`,
      items,
      'elasticity MAE': r4(errors.reduce((a, b) => a + b, 0) / errors.length),
      'median abs error': r4(median(errors)),
      '95% interval coverage': r4(covered / estimates.length),
      'profit vs optimal': r4(earned / best),
      'profit at current prices vs optimal': r4(current / best),
      'estimate ms': Math.round(ms),
    });
  }
  const france = datasetPath('online-retail-france', 'online_retail_france.csv');
  let examples: unknown[] = [];
  if (!france) console.warn(missingDatasetMessage('online-retail-france'));
  else {
    const histories = await readOnlineRetailPrices(france);
    const estimates = estimateElasticities(histories);
    const own = estimates.filter((e) => e.own);
    rows.push({
      data: 'online-retail-france',
      items: histories.length,
      'items whose price varied': own.length,
      'median elasticity (varied)': r4(median(own.map((e) => e.elasticity))),
      'median interval width': r4(median(own.map((e) => e.high - e.low))),
      'share with interval below 0': r4(own.filter((e) => e.high < 0).length / Math.max(own.length, 1)),
    });
    examples = own
      .sort((a, b) => (b.own?.observations ?? 0) - (a.own?.observations ?? 0))
      .slice(0, 10)
      .map((e) => ({
        item: e.itemId,
        category: e.category,
        elasticity: r4(e.elasticity),
        low: r4(e.low),
        high: r4(e.high),
        weeks: e.own?.observations,
      }));
    console.table(examples);
  }
  writeReport('pricing', rows, { rails, examples });
}
