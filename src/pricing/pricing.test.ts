import { describe, expect, it } from 'vitest';
import { estimateElasticities } from './elasticity.js';
import { planMarkdown } from './markdown-plan.js';
import { simulateStore } from './simulate-demand.js';
import { applyEnding, outcomeAt, suggestPrice, type PriceInput } from './suggest-price.js';

describe('elasticity estimates on a simulated store with known demand curves', () => {
  const store = simulateStore({ items: 120, seed: 11 });
  const estimates = estimateElasticities(store.map((s) => s.history));

  it('fall within 0.4 of the truth on average and cover it with their 95% intervals', () => {
    let error = 0;
    let covered = 0;
    estimates.forEach((e, i) => {
      error += Math.abs(e.elasticity - store[i]!.trueElasticity);
      if (e.low <= store[i]!.trueElasticity && store[i]!.trueElasticity <= e.high) covered++;
    });
    expect(error / estimates.length).toBeLessThan(0.4);
    // Nominal 95%; Poisson noise and dropped zero-sale periods make the item regressions a little overconfident.
    expect(covered / estimates.length).toBeGreaterThan(0.8);
  });

  it('give items whose price never moved their category estimate, with a wider interval', () => {
    const fixed = estimates.filter((e) => e.source === 'category');
    expect(fixed.length).toBeGreaterThan(5);
    const sameCategory = estimates.filter((e) => e.category === fixed[0]!.category && e.source !== 'category');
    expect(fixed[0]!.high - fixed[0]!.low).toBeGreaterThan(sameCategory[0]!.high - sameCategory[0]!.low);
  });

  it("give each category's average elasticity with an interval near its items' true average", () => {
    const categories = new Map<
      string,
      { truth: number[]; estimate: (typeof estimates)[number]['categoryElasticity'] }
    >();
    estimates.forEach((e, i) => {
      const c = categories.get(e.category) ?? { truth: [], estimate: e.categoryElasticity };
      // Every item of a category carries the same category estimate.
      expect(e.categoryElasticity).toEqual(c.estimate);
      c.truth.push(store[i]!.trueElasticity);
      categories.set(e.category, c);
    });
    expect(categories.size).toBeGreaterThan(1);
    for (const { truth, estimate } of categories.values()) {
      const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
      expect(estimate.items).toBeGreaterThan(2);
      expect(estimate.low).toBeLessThan(estimate.value);
      expect(estimate.high).toBeGreaterThan(estimate.value);
      expect(Math.abs(estimate.value - mean)).toBeLessThan(0.5);
    }
  });

  it('estimate the promotion lift apart from the price', () => {
    const lifts = estimates.filter((e) => e.promoLift).map((e) => e.promoLift!.lift);
    expect(lifts.length).toBeGreaterThan(10);
  });
});

describe('price suggestions', () => {
  const input: PriceInput = {
    itemId: 'a',
    currentPrice: 20,
    unitCost: 8,
    expectedUnits: 100,
    elasticity: { value: -2.5, low: -3, high: -2 },
  };

  it('reach the profit optimum c·e/(1+e) when the rails allow it', () => {
    const s = suggestPrice(input, { maxChange: 0.5 });
    expect(s.suggested.price).toBeCloseTo((8 * -2.5) / -1.5, 1);
    expect(s.limitedBy).toBeNull();
    expect(s.explanation).toContain('Elasticity -2.50');
    expect(s.suggested.profit).toBeGreaterThan(s.current.profit);
  });

  it('keep to the largest change, the margin floor and the price ending', () => {
    const s = suggestPrice(input, { maxChange: 0.1, ending: '0.99' });
    expect(s.suggested.price).toBe(18.99);
    expect(s.limitedBy).toBe('max-change');
    const margin = suggestPrice(
      { ...input, elasticity: { value: -6, low: -7, high: -5 } },
      { minMargin: 0.5, maxChange: 0.5 },
    );
    expect(margin.suggested.price).toBeGreaterThanOrEqual(16 - 1e-9);
    expect(margin.limitedBy).toBe('min-margin');
  });

  it('raises prices of inelastic items for revenue up to the rail', () => {
    const s = suggestPrice(
      { ...input, elasticity: { value: -0.5, low: -0.8, high: -0.2 } },
      { maxChange: 0.15 },
      'revenue',
    );
    expect(s.suggested.price).toBeCloseTo(23, 6);
  });

  it('round to endings', () => {
    expect(applyEnding(18.4, '0.99')).toBe(17.99);
    expect(applyEnding(18.7, '0.99')).toBe(18.99);
    expect(applyEnding(18.7, 'whole')).toBe(19);
    expect(outcomeAt(input, 20).units).toBe(100);
  });
});

describe('markdown plans', () => {
  it('cut the price just enough to sell overstock, and not below the floor', () => {
    const plan = planMarkdown({
      currentPrice: 50,
      stock: 300,
      demand: [20, 20, 20, 20, 20, 20],
      elasticity: -2,
      floor: 30,
    });
    expect(plan.steps[0]!.price).toBeLessThan(50);
    expect(plan.steps.every((s) => s.price >= 30)).toBe(true);
    expect(plan.expectedLeftover).toBeLessThan(300 - 120);
    const relaxed = planMarkdown({ currentPrice: 50, stock: 60, demand: [20, 20, 20, 20], elasticity: -2, floor: 30 });
    expect(relaxed.steps[0]!.price).toBe(50);
  });
});
