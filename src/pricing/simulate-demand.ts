/**
 * A store with known demand curves, for tests and the pricing benchmark: items in categories, each with a
 * true constant elasticity, prices that move now and then (store changes and promotions), and Poisson sales
 * around the true curve with log-normal noise and a shared category demand cycle.
 */
import { seededRandom } from '../math/random.js';
import type { ItemPriceHistory } from './elasticity.js';

/** A simulated item and its truth. */
export interface SimulatedItem {
  history: ItemPriceHistory;
  trueElasticity: number;
  basePrice: number;
  /** Units per period at the base price, before noise. */
  baseUnits: number;
  unitCost: number;
}

/** Options of {@link simulateStore}. */
export interface SimulationOptions {
  items?: number;
  categories?: number;
  periods?: number;
  /** Share of items whose price never moves (they need their category). */
  fixedPriceShare?: number;
  /** Log-normal noise of demand (default 0.25). */
  noise?: number;
  seed?: number;
}

function poisson(mean: number, rand: () => number): number {
  if (mean > 50) {
    // Normal approximation for large means (Knuth's product method would loop mean times).
    const u = Math.max(rand(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

/** Simulates a store's weekly sales under known elasticities. */
export function simulateStore(options: SimulationOptions = {}): SimulatedItem[] {
  const rand = seededRandom(options.seed ?? 7);
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
  const nItems = options.items ?? 200;
  const nCats = options.categories ?? 8;
  const periods = options.periods ?? 52;
  const noise = options.noise ?? 0.25;
  const catMeans = Array.from({ length: nCats }, () => -1.3 - rand() * 1.7);
  const catCycle = Array.from({ length: nCats }, () =>
    Array.from({ length: periods }, (_, t) => 0.15 * Math.sin((t / periods) * 2 * Math.PI + rand())),
  );
  const out: SimulatedItem[] = [];
  for (let i = 0; i < nItems; i++) {
    const c = i % nCats;
    const trueElasticity = Math.min(-1.1, catMeans[c]! + 0.35 * gauss());
    const basePrice = Math.round((5 + rand() * 95) * 100) / 100;
    const baseUnits = 5 + rand() * 60;
    const unitCost = basePrice * (0.35 + rand() * 0.25);
    const fixed = rand() < (options.fixedPriceShare ?? 0.15);
    const points = [];
    let price = basePrice;
    for (let t = 0; t < periods; t++) {
      if (!fixed && rand() < 0.12) price = basePrice * (0.8 + rand() * 0.4);
      const promo = !fixed && rand() < 0.05;
      const shown = promo ? price * 0.85 : price;
      const mean =
        baseUnits * Math.pow(shown / basePrice, trueElasticity) * Math.exp(catCycle[c]![t]! + noise * gauss());
      points.push({ t, price: Math.round(shown * 100) / 100, units: poisson(mean, rand), promo });
    }
    out.push({
      history: { itemId: `item-${i}`, category: `cat-${c}`, points },
      trueElasticity,
      basePrice,
      baseUnits,
      unitCost,
    });
  }
  return out;
}
