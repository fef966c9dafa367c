import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../math/random.js';
import { DAY_MS } from '../types.js';
import { choosePurchaseModel } from './choose-purchase-model.js';
import { summariseTransactions, type PurchaseLike } from './customer-summary.js';
import { naiveRepeatRate } from './naive-rate.js';
import { choiceExpectedPurchases, type PurchaseChoice } from './purchase-choice.js';
import { expectedPurchases } from './purchase-model.js';
import { simulateBgNbd } from './simulate-bg-nbd.js';

const START = Date.UTC(2023, 0, 1);
const END = START + 364 * DAY_MS;

function simulate(customers: number, seed: number): PurchaseLike[] {
  return simulateBgNbd(
    { customers, params: { r: 0.8, alpha: 20, a: 0.9, b: 3 }, start: START, acquisitionDays: 120, days: 365 },
    seededRandom(seed),
  );
}

describe('choosePurchaseModel', () => {
  const purchases = simulate(2000, 3);
  const summary = summariseTransactions(purchases, { end: END });

  it('keeps BG/NBD on plenty of data that follows its story, and records the validation', () => {
    const choice = choosePurchaseModel(purchases, summary, { horizonDays: 180 });
    expect(choice.naiveWeight).toBeLessThan(1);
    expect(choice.model.kind).toBe('bg-nbd');
    const v = choice.validation!;
    expect(v.origins).toHaveLength(2);
    // A third of the 364-day window, and the second origin half a holdout earlier.
    expect(v.origins[0]!.holdoutDays).toBe(121);
    expect(v.origins[0]!.fitUntil).toBe('2023-09-01');
    expect(v.origins[1]!.fitUntil).toBe('2023-07-02');
    const chosen = v.scores.find((s) => s.candidate === choice.chosen)!;
    for (const s of v.scores) expect(chosen.upperBound).toBeLessThanOrEqual(s.upperBound);
    expect(chosen.versusNaive).toBeLessThan(0);
    expect(choice.reason).toMatch(/MAE against the naive rate/);
    // The naive rate plus 3 fits × 4 naive shares.
    expect(v.scores).toHaveLength(13);
  });

  it('keeps the naive rate unless a candidate beats it by the required margin', () => {
    const strict = choosePurchaseModel(purchases, summary, { confidence: 1e6 });
    expect(strict.chosen).toBe('naive rate');
    expect(strict.naiveWeight).toBe(1);
    expect(strict.reason).toMatch(/no candidate beat the naive rate/);
    const loose = choosePurchaseModel(purchases, summary, { confidence: 0 });
    const best = Math.min(...loose.validation!.scores.map((s) => s.versusNaive));
    expect(loose.validation!.scores.find((s) => s.candidate === loose.chosen)!.versusNaive).toBe(best);
  });

  it('does not validate when the window is too small, and says why', () => {
    const few = simulate(15, 4);
    const choice = choosePurchaseModel(few, summariseTransactions(few, { end: END }));
    expect(choice.validation).toBeNull();
    expect(choice.naiveWeight).toBe(0);
    expect(choice.reason).toMatch(/^not validated: \d+ customers by 2023-\d\d-\d\d, fewer than 20/);
    const tiny = choosePurchaseModel(purchases, summary, { holdoutShare: 0.001 });
    expect(tiny.reason).toMatch(/^not validated: the calibration window \(364 days\) is too short/);
  });
});

describe('choiceExpectedPurchases', () => {
  const model = { kind: 'bg-nbd' as const, params: { r: 0.8, alpha: 20, a: 0.9, b: 3 }, penalty: 0, note: '' };
  const at = (naiveWeight: number): PurchaseChoice => ({
    model,
    naiveWeight,
    chosen: '',
    reason: '',
    validation: null,
  });

  it('blends the model and the naive rate linearly', () => {
    const bg = expectedPurchases(model, 4, 80, 100, 60);
    const naive = naiveRepeatRate(4, 100, 60);
    expect(choiceExpectedPurchases(at(0), 4, 80, 100, 60)).toBeCloseTo(bg, 12);
    expect(choiceExpectedPurchases(at(1), 4, 80, 100, 60)).toBeCloseTo(naive, 12);
    expect(choiceExpectedPurchases(at(0.25), 4, 80, 100, 60)).toBeCloseTo(0.75 * bg + 0.25 * naive, 12);
    expect(choiceExpectedPurchases(at(1), 0, 0, 0, 60)).toBe(0);
  });
});

describe('validation on a sample of a large store', () => {
  it('validates on about the requested number of customers, picked the same way every run', () => {
    const purchases = simulate(3000, 5);
    const summary = summariseTransactions(purchases, { end: END });
    const a = choosePurchaseModel(purchases, summary, { maxValidationCustomers: 1000 });
    const b = choosePurchaseModel(purchases, summary, { maxValidationCustomers: 1000 });
    const scored = a.validation!.origins[0]!.customers;
    const full = choosePurchaseModel(purchases, summary).validation!.origins[0]!.customers;
    expect(scored / full).toBeGreaterThan(0.25);
    expect(scored / full).toBeLessThan(0.42);
    expect(b.validation).toEqual(a.validation);
  });
});
