import { describe, expect, it } from 'vitest';
import { EtsModel, fitEts } from './ets.js';
import { IntermittentModel } from './intermittent.js';
import { DeseasonalisedModel } from './deseasonalised-model.js';
import { isSeasonal, seasonalIndices } from './seasonality.js';
import { NaiveModel, SeasonalNaiveModel, WindowMeanModel } from './simple-models.js';
import { ThetaModel } from './theta.js';

const line = Float64Array.from({ length: 40 }, (_, i) => 10 + 2 * i);
const pattern = [5, 9, 14, 7];
const seasonal = Float64Array.from({ length: 48 }, (_, i) => (100 + i) * (pattern[i % 4]! / 8.75));

describe('exponential smoothing', () => {
  it('forecasts a constant series as that constant', () => {
    const f = new EtsModel('N', 'N').fit(new Float64Array(20).fill(7), 1);
    expect(Array.from(f.forecast(3))).toEqual([7, 7, 7].map((v) => expect.closeTo(v, 9)));
    expect(f.sigma).toBeCloseTo(0, 9);
  });

  it('continues a straight line with an undamped trend', () => {
    const f = new EtsModel('A', 'N').fit(line, 1).forecast(3);
    expect(f[0]).toBeCloseTo(90, 6);
    expect(f[2]).toBeCloseTo(94, 6);
  });

  it('damps the trend: each step adds less than the one before', () => {
    const f = new EtsModel('Ad', 'N').fit(line, 1).forecast(10);
    const steps = Array.from(f.slice(1), (v, k) => v - f[k]!);
    for (let k = 1; k < steps.length; k++) expect(steps[k]!).toBeLessThan(steps[k - 1]! + 1e-9);
    expect(f[0]).toBeGreaterThan(87);
  });

  it('repeats a multiplicative season on a growing level', () => {
    const f = fitEts(seasonal, 4, 'A', 'M');
    const next = f.forecast(4);
    const truth = [48, 49, 50, 51].map((i) => (100 + i) * (pattern[i % 4]! / 8.75));
    next.forEach((v, k) => expect(Math.abs(v - truth[k]!) / truth[k]!).toBeLessThan(0.03));
  });

  it('falls back to an additive season on data with zeros', () => {
    const y = Float64Array.from(seasonal, (v, i) => (i % 4 === 0 ? 0 : v));
    const f = fitEts(y, 4, 'N', 'M').forecast(4);
    expect(f.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('grows the error variance with the horizon', () => {
    const noisy = Float64Array.from({ length: 60 }, (_, i) => 50 + Math.sin(i * 1.7) * 5);
    const f = new EtsModel('Ad', 'N').fit(noisy, 1);
    expect(f.varianceFactor(1)).toBe(1);
    expect(f.varianceFactor(5)).toBeGreaterThan(f.varianceFactor(2));
  });
});

describe('other methods', () => {
  it('naive and seasonal naive repeat the last value and the last season', () => {
    expect(Array.from(new NaiveModel().fit(line).forecast(2))).toEqual([88, 88]);
    expect(Array.from(new SeasonalNaiveModel().fit(seasonal, 4).forecast(5))).toEqual([
      ...Array.from(seasonal.slice(44)),
      seasonal[44],
    ]);
  });

  it('window means average the last values', () => {
    expect(new WindowMeanModel(4).fit(Float64Array.from([1, 2, 3, 4, 5, 6])).forecast(1)[0]).toBe(4.5);
    expect(new WindowMeanModel(0).fit(Float64Array.from([1, 2, 3])).forecast(1)[0]).toBe(2);
  });

  it('theta on a straight line drifts by half its slope', () => {
    const f = new ThetaModel().fit(line).forecast(3);
    expect(f[1]! - f[0]!).toBeCloseTo(1, 1);
  });

  it('intermittent methods forecast a demand rate near the mean rate', () => {
    const y = Float64Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? 8 : 0));
    for (const method of ['croston', 'sba', 'tsb'] as const) {
      const f = new IntermittentModel(method).fit(y).forecast(2);
      expect(f[0]).toBeGreaterThan(1.5);
      expect(f[0]).toBeLessThan(2.5);
    }
    // SBA corrects Croston's upward bias.
    expect(new IntermittentModel('sba').fit(y).forecast(1)[0]).toBeLessThan(
      new IntermittentModel('croston').fit(y).forecast(1)[0]!,
    );
  });
});

describe('seasonality', () => {
  it('finds the season of a seasonal series and not of a line', () => {
    expect(isSeasonal(seasonal, 4)).toBe(true);
    expect(
      isSeasonal(
        Float64Array.from({ length: 48 }, (_, i) => Math.sin(i * 0.37)),
        12,
      ),
    ).toBe(false);
    const s = seasonalIndices(seasonal, 4);
    expect(s.multiplicative).toBe(true);
    expect(s.indices[2]! / s.indices[0]!).toBeCloseTo(14 / 5, 1);
  });

  it('a deseasonalised method puts the season back into its forecast', () => {
    const f = new DeseasonalisedModel(new EtsModel('N', 'N')).fit(seasonal, 4).forecast(4);
    expect(f[2]!).toBeGreaterThan(f[0]! * 2);
  });
});
