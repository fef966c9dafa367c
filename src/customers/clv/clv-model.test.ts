import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../math/random.js';
import { DAY_MS } from '../types.js';
import { fitBgNbd } from './bg-nbd.js';
import { fitClvModel, predictClv } from './clv-model.js';
import { summariseTransactions } from './customer-summary.js';
import { expectedPurchases, fitPurchaseModel, probabilityAlive } from './purchase-model.js';
import { simulateBgNbd } from './simulate-bg-nbd.js';

const START = Date.UTC(2023, 0, 1);
const truth = { r: 0.8, alpha: 20, a: 0.9, b: 3 };

describe('CLV model on simulated BG/NBD data', () => {
  const purchases = simulateBgNbd(
    { customers: 3000, params: truth, start: START, acquisitionDays: 90, days: 365 },
    seededRandom(11),
  );
  const summary = summariseTransactions(purchases, { end: START + 365 * DAY_MS, unitDays: 1 });

  it('recovers the generating parameters (same-day repeats aside) within 25%', () => {
    const fit = fitBgNbd(summary);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(Math.log(fit.params[k] / truth[k])), k).toBeLessThan(Math.log(1.25));
    }
  });

  it('shrinkage pulls the shape parameters towards 1', () => {
    const plain = fitBgNbd(summary);
    const shrunk = fitBgNbd(summary, { penalty: 1 });
    expect(Math.abs(Math.log(shrunk.params.b))).toBeLessThan(Math.abs(Math.log(plain.params.b)));
  });

  it('predicts CLV, discounting lowers it, and next order dates follow the end', () => {
    const model = fitClvModel(summary);
    expect(model.purchases.kind).toBe('bg-nbd');
    expect(model.spend).not.toBeNull();
    const plain = predictClv(model, summary, { horizonDays: 365 });
    const discounted = predictClv(model, summary, { horizonDays: 365, monthlyDiscount: 0.02 });
    let total = 0;
    for (let i = 0; i < summary.ids.length; i++) {
      expect(plain.pAlive[i]).toBeGreaterThanOrEqual(0);
      expect(plain.pAlive[i]).toBeLessThanOrEqual(1);
      expect(discounted.clv[i]).toBeLessThanOrEqual(plain.clv[i]! + 1e-9);
      expect(plain.churnRisk[i]).toBeGreaterThan(0);
      if (!Number.isNaN(plain.nextOrderTime[i])) expect(plain.nextOrderTime[i]).toBeGreaterThan(summary.end);
      total += plain.clv[i]!;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('falls back to NBD when BG/NBD parameters cannot stay inside the bounds', () => {
    const model = fitPurchaseModel(summary, { limit: 1.01 });
    expect(model.kind).toBe('nbd');
    expect(model.note).toMatch(/NBD fallback/);
    expect(expectedPurchases(model, 3, 100, 200, 30)).toBeGreaterThan(expectedPurchases(model, 0, 0, 200, 30));
    expect(probabilityAlive(model, 3, 100, 200)).toBe(1);
  });
});
