import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../math/random.js';
import { sampleGamma } from '../../math/sampling.js';
import { DAY_MS } from '../types.js';
import { chooseSpendModel, choiceExpectedSpend, ownMeanSpend, type SpendChoice } from './choose-spend-model.js';
import { summariseTransactions } from './customer-summary.js';
import { gammaGammaExpectedSpend } from './gamma-gamma.js';
import { simulateBgNbd } from './simulate-bg-nbd.js';

const START = Date.UTC(2023, 0, 1);
const END = START + 364 * DAY_MS;

/**
 * BG/NBD purchases whose order values follow Gamma-Gamma with p = 1, q = 5, v = 60: orders vary as much
 * within a customer as their mean (a mean of 15), so one order says little and shrinkage pays.
 */
function simulate(customers: number, seed: number) {
  const random = seededRandom(seed);
  const rates = Array.from({ length: customers }, () => sampleGamma(random, 5, 60));
  return simulateBgNbd(
    {
      customers,
      params: { r: 0.8, alpha: 20, a: 0.9, b: 3 },
      start: START,
      acquisitionDays: 120,
      days: 365,
      amount: (c, rnd) => sampleGamma(rnd, 1, rates[c]!),
    },
    random,
  );
}

describe('chooseSpendModel', () => {
  it('uses Gamma-Gamma, alone or blended, when its shrinkage clearly helps', () => {
    const purchases = simulate(2000, 21);
    const choice = chooseSpendModel(purchases, summariseTransactions(purchases, { end: END }));
    expect(choice.modelWeight).toBeGreaterThan(0);
    expect(choice.params!.q).toBeGreaterThan(1);
    const v = choice.validation!;
    expect(v.origins).toHaveLength(2);
    expect(v.scores.map((s) => s.candidate)).toEqual([
      'own mean order value',
      '50% Gamma-Gamma + 50% own mean',
      'Gamma-Gamma',
    ]);
    const chosen = v.scores.find((s) => s.candidate === choice.chosen)!;
    for (const s of v.scores) expect(chosen.upperBound).toBeLessThanOrEqual(s.upperBound);
    expect(chosen.versusNaive).toBeLessThan(0);
    expect(choice.reason).toMatch(/MAE against the own mean/);
  });

  it('keeps the own mean unless Gamma-Gamma beats it by the margin, or too few repeat to fit it', () => {
    const purchases = simulate(2000, 21);
    const summary = summariseTransactions(purchases, { end: END });
    const strict = chooseSpendModel(purchases, summary, { confidence: 1e6 });
    expect(strict).toMatchObject({ modelWeight: 0, params: null, chosen: 'own mean order value' });
    expect(strict.reason).toMatch(/nor the blend .* beat the own mean by 1000000 standard error/);
    const few = simulate(15, 22);
    const small = chooseSpendModel(few, summariseTransactions(few, { end: END }));
    expect(small).toMatchObject({ modelWeight: 0, params: null, chosen: 'own mean order value' });
    expect(small.validation).toBeNull();
    expect(small.reason).toMatch(/^not validated, so the own mean: \d+ customers bought after/);
  });
});

describe('choiceExpectedSpend', () => {
  const params = { p: 1, q: 5, v: 60 };
  const at = (modelWeight: number): SpendChoice => ({ params, modelWeight, chosen: '', reason: '', validation: null });

  it('blends Gamma-Gamma with the mean over all purchase days, the first included', () => {
    expect(ownMeanSpend(2, 40, 10)).toBeCloseTo(30, 12);
    expect(ownMeanSpend(0, 0, 25)).toBe(25);
    const gg = gammaGammaExpectedSpend(params, 2, 40);
    expect(choiceExpectedSpend(at(1), 2, 40, 10)).toBeCloseTo(gg, 12);
    expect(choiceExpectedSpend(at(0), 2, 40, 10)).toBeCloseTo(30, 12);
    expect(choiceExpectedSpend(at(0.5), 2, 40, 10)).toBeCloseTo((gg + 30) / 2, 12);
    expect(choiceExpectedSpend({ ...at(1), params: null }, 0, 0, 25)).toBe(25);
  });
});
