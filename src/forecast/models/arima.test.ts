import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../math/random.js';
import { sampleNormal } from '../../math/sampling.js';
import { ArimaModel, arimaForecast, autoArima, fitArma, kpssStatistic } from './arima.js';

/** An ARMA(1,1) path of length n (after a burn-in) with mean `mu`. */
function simulate(n: number, phi: number, theta: number, mu: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(n);
  let prevW = 0;
  let prevE = 0;
  for (let t = -100; t < n; t++) {
    const e = sampleNormal(random);
    const w = phi * prevW + theta * prevE + e;
    if (t >= 0) out[t] = mu + w;
    prevW = w;
    prevE = e;
  }
  return out;
}

describe('ARIMA', () => {
  it('recovers an AR(1) coefficient and the mean from a simulated series', () => {
    const y = simulate(2000, 0.6, 0, 10, 1);
    const fit = fitArma(y, 1, 0, true)!;
    expect(fit.ar[0]!).toBeCloseTo(0.6, 1);
    expect(fit.constant / (1 - fit.ar[0]!)).toBeCloseTo(10, 0);
    expect(Math.sqrt(fit.css / fit.count)).toBeCloseTo(1, 1);
  });

  it('recovers an MA(1) coefficient by conditional least squares', () => {
    const y = simulate(2000, 0, 0.5, 0, 2);
    const fit = fitArma(y, 0, 1, false)!;
    expect(fit.ma[0]!).toBeCloseTo(0.5, 1);
  });

  it('chooses a stationary ARMA for an ARMA(1,1) series and forecasts towards its mean', () => {
    const y = simulate(400, 0.5, 0.3, 50, 3);
    const fit = autoArima(y)!;
    expect(fit.d).toBe(0);
    expect(fit.p + fit.q).toBeGreaterThan(0);
    const f = arimaForecast(y, fit, 60);
    expect(f[59]!).toBeCloseTo(50, -1);
  });

  it('differences a random walk (KPSS) and forecasts its last value', () => {
    const random = seededRandom(4);
    let level = 100;
    const y = Float64Array.from({ length: 200 }, () => (level += 3 * sampleNormal(random)));
    expect(kpssStatistic(y)).toBeGreaterThan(0.463);
    const fitted = new ArimaModel().fit(y);
    const f = fitted.forecast(3);
    expect(Math.abs(f[0]! - y[199]!)).toBeLessThan(3);
    // A random walk's error variance grows with the horizon.
    expect(fitted.varianceFactor(4)).toBeGreaterThan(fitted.varianceFactor(1) * 2);
  });

  it('falls back to the last value on a constant series', () => {
    const f = new ArimaModel().fit(new Float64Array(20).fill(5)).forecast(2);
    for (const v of f) expect(v).toBeCloseTo(5, 6);
  });
});
