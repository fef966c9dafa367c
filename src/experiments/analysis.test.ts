import { describe, expect, it } from 'vitest';
import { analyzeExperiment, summarizeMeans } from './analysis.js';

const variants = [
  { name: 'control', weight: 1 },
  { name: 'b', weight: 1 },
];
const bern = (n: number, k: number) => ({ n, sum: k, sumSquares: k });

describe('analyzeExperiment', () => {
  it('recommends shipping a clear winner and reports every part', () => {
    const r = analyzeExperiment({
      variants,
      exposures: [5000, 5000],
      metrics: [{ name: 'conversion', kind: 'mean', variants: [bern(5000, 500), bern(5000, 650)] }],
    });
    const v = r.metrics[0]!.variants[0]!;
    expect(v.relative.estimate).toBeCloseTo(0.3, 12);
    expect(v.significant).toBe(true);
    expect(v.chanceToBeatControl).toBeGreaterThan(0.999);
    expect(r.srm.mismatch).toBe(false);
    expect(r.recommendation.decision).toBe('ship');
    expect(r.recommendation.text).toContain('Ship b');
  });

  it('puts an SRM flag before anything else, and asks for more data below the minimum sample', () => {
    const srm = analyzeExperiment({
      variants,
      exposures: [5000, 4500],
      metrics: [{ name: 'conversion', kind: 'mean', variants: [bern(5000, 500), bern(4500, 650)] }],
    });
    expect(srm.srm.mismatch).toBe(true);
    expect(srm.recommendation.decision).toBe('fix-assignment');
    const small = analyzeExperiment({
      variants,
      exposures: [40, 41],
      metrics: [{ name: 'conversion', kind: 'mean', variants: [bern(40, 4), bern(41, 9)] }],
    });
    expect(small.recommendation.decision).toBe('keep-running');
    expect(small.recommendation.text).toContain('control has 40 of the 100 units needed');
  });

  it('corrects across metrics and variants and can decide sequentially', () => {
    const metric = { name: 'm', kind: 'mean' as const, variants: [bern(3000, 300), bern(3000, 345), bern(3000, 300)] };
    const three = [...variants, { name: 'c', weight: 1 }];
    const none = analyzeExperiment({
      variants: three,
      exposures: [3000, 3000, 3000],
      metrics: [metric],
      correction: 'none',
    });
    const holm = analyzeExperiment({ variants: three, exposures: [3000, 3000, 3000], metrics: [metric] });
    expect(holm.metrics[0]!.variants[0]!.adjustedPValue).toBeGreaterThan(none.metrics[0]!.variants[0]!.adjustedPValue);
    const seq = analyzeExperiment({
      variants: three,
      exposures: [3000, 3000, 3000],
      metrics: [metric],
      sequential: true,
      correction: 'none',
    });
    expect(seq.metrics[0]!.variants[0]!.adjustedPValue).toBeGreaterThan(none.metrics[0]!.variants[0]!.adjustedPValue);
  });

  it('treats a lower-is-better metric the other way round', () => {
    const r = analyzeExperiment({
      variants,
      exposures: [5000, 5000],
      metrics: [{ name: 'returns', kind: 'mean', higherIsBetter: false, variants: [bern(5000, 650), bern(5000, 500)] }],
    });
    expect(r.recommendation.decision).toBe('ship');
    expect(r.metrics[0]!.variants[0]!.chanceToBeatControl).toBeGreaterThan(0.99);
  });
});

describe('summarizeMeans', () => {
  it('gives the CLI shape for the GrowthBook case', () => {
    const out = summarizeMeans([
      { name: 'A', n: 3407, sum: 1396.87, sumSquares: 52377.9767 },
      { name: 'B', n: 3461, sum: 2422.7, sumSquares: 134698.29 },
    ]);
    expect(out.variants).toHaveLength(1);
    expect(out.variants[0]!.name).toBe('B');
    expect(out.variants[0]!.mean).toBeCloseTo(0.7, 10);
    expect(out.variants[0]!.relative.pValue).toBeCloseTo(0.06191, 4);
    expect(Object.keys(out.variants[0]!.absolute)).toEqual(['estimate', 'ci', 'pValue']);
  });
});
