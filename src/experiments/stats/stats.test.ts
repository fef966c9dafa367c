import { describe, expect, it } from 'vitest';
import { Random } from '../../demo/random.js';
import { bayesianEffect } from './bayesian.js';
import { benjaminiHochbergAdjust, holmAdjust } from './corrections.js';
import { cupedEstimates } from './cuped.js';
import { compareMeans } from './frequentist.js';
import { sequentialEffect } from './sequential.js';
import { chiSquareSurvival, normalQuantile, studentTQuantile, studentTTwoSided } from './special-functions.js';
import { srmCheck } from './srm.js';
import { meanEstimate, ratioEstimate } from './summary.js';

describe('special functions', () => {
  it('match tabulated quantiles and tails', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281388519649385, 9);
    expect(studentTQuantile(0.025, 3)).toBeCloseTo(-3.182446305284263, 9);
    expect(studentTTwoSided(2.2281388519649385, 10)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
  });
});

/** ln Γ(x) by the Lanczos approximation (g = 7). */
function lnGamma(x: number): number {
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(T > t) for Student's t with real df, by Simpson's rule on the density after substituting u = 1/x. */
function tTail(t: number, df: number): number {
  const logC = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const pdf = (x: number) => Math.exp(logC - ((df + 1) / 2) * Math.log(1 + (x * x) / df));
  // ∫_t^∞ f(x) dx = ∫_0^{1/t} f(1/u) / u² du, smooth on a finite interval.
  const g = (u: number) => (u === 0 ? 0 : pdf(1 / u) / (u * u));
  const steps = 20_000;
  const h = 1 / t / steps;
  let sum = g(0) + g(1 / t);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * g(i * h);
  return (sum * h) / 3;
}

describe('frequentist comparison', () => {
  it("reproduces GrowthBook's published two-sample case to 4 decimals", () => {
    const a = meanEstimate({ n: 3407, sum: 1396.87, sumSquares: 52377.9767 });
    const b = meanEstimate({ n: 3461, sum: 2422.7, sumSquares: 134698.29 });
    const { absolute, relative } = compareMeans(a, b);
    expect(relative.estimate).toBeCloseTo(0.70732, 4);
    expect(relative.ci[0]).toBeCloseTo(-0.03526, 4);
    expect(relative.ci[1]).toBeCloseTo(1.44989, 4);
    expect(relative.pValue).toBeCloseTo(0.06191, 4);
    expect(absolute.estimate).toBeCloseTo(0.29, 4);
    expect(absolute.ci[0]).toBeCloseTo(0.04538, 4);
    expect(absolute.ci[1]).toBeCloseTo(0.53462, 4);
    expect(absolute.pValue).toBeCloseTo(0.02016, 4);
  });

  it('agrees with a two-pass computation over the raw values (Welch, small samples)', () => {
    const x = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
    const y = [
      28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 23.9,
      13.3,
    ];
    const sums = (v: number[]) => ({
      n: v.length,
      sum: v.reduce((s, t) => s + t, 0),
      sumSquares: v.reduce((s, t) => s + t * t, 0),
    });
    const twoPass = (v: number[]) => {
      const m = v.reduce((s, t) => s + t, 0) / v.length;
      return { m, v: v.reduce((s, t) => s + (t - m) ** 2, 0) / (v.length - 1) };
    };
    const X = twoPass(x);
    const Y = twoPass(y);
    const se = Math.sqrt(X.v / x.length + Y.v / y.length);
    const df = se ** 4 / ((X.v / x.length) ** 2 / (x.length - 1) + (Y.v / y.length) ** 2 / (y.length - 1));
    const { absolute, df: got } = compareMeans(meanEstimate(sums(x)), meanEstimate(sums(y)));
    expect(got).toBeCloseTo(df, 9);
    expect(absolute.estimate).toBeCloseTo(Y.m - X.m, 10);
    expect(absolute.se).toBeCloseTo(se, 10);
    // The p-value against a numerical integral of Student's t density (Simpson's rule, Lanczos gamma).
    const t = Math.abs(absolute.estimate / absolute.se);
    expect(absolute.pValue).toBeCloseTo(2 * tTail(t, df), 6);
  });

  it('gives a ratio metric the delta-method variance of a simulated ratio', () => {
    const rng = new Random(7);
    const units = Array.from({ length: 4000 }, () => {
      const orders = 1 + Math.floor(rng.next() * 3);
      return { x: orders * (20 + 10 * rng.next()), y: orders };
    });
    const s = units.reduce(
      (acc, u) => ({
        n: acc.n + 1,
        sum: acc.sum + u.x,
        sumSquares: acc.sumSquares + u.x * u.x,
        denominatorSum: acc.denominatorSum + u.y,
        denominatorSumSquares: acc.denominatorSumSquares + u.y * u.y,
        sumProduct: acc.sumProduct + u.x * u.y,
      }),
      { n: 0, sum: 0, sumSquares: 0, denominatorSum: 0, denominatorSumSquares: 0, sumProduct: 0 },
    );
    const est = ratioEstimate(s);
    expect(est.mean).toBeCloseTo(s.sum / s.denominatorSum, 10);
    // Bootstrap the ratio's standard error as the independent reference.
    const boot: number[] = [];
    for (let b = 0; b < 300; b++) {
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < units.length; i++) {
        const u = units[Math.floor(rng.next() * units.length)]!;
        sx += u.x;
        sy += u.y;
      }
      boot.push(sx / sy);
    }
    const m = boot.reduce((a, b) => a + b, 0) / boot.length;
    const sd = Math.sqrt(boot.reduce((a, b) => a + (b - m) ** 2, 0) / (boot.length - 1));
    expect(Math.sqrt(est.variance / est.n) / sd).toBeGreaterThan(0.85);
    expect(Math.sqrt(est.variance / est.n) / sd).toBeLessThan(1.15);
  });
});

describe('sequential inference', () => {
  it('is wider than the fixed-horizon interval and keeps the false-positive rate under alpha across 14 looks', () => {
    const rng = new Random(11);
    let naive = 0;
    let seq = 0;
    const sims = 200;
    for (let s = 0; s < sims; s++) {
      const acc = [
        { n: 0, sum: 0, sumSquares: 0 },
        { n: 0, sum: 0, sumSquares: 0 },
      ];
      let naiveHit = false;
      let seqHit = false;
      for (let day = 0; day < 14; day++) {
        for (const g of acc) {
          for (let i = 0; i < 100; i++) {
            const v = rng.next() < 0.1 ? 1 : 0;
            g.n++;
            g.sum += v;
            g.sumSquares += v;
          }
        }
        const { relative } = compareMeans(meanEstimate(acc[0]!), meanEstimate(acc[1]!));
        if (relative.pValue < 0.05) naiveHit = true;
        const sq = sequentialEffect(relative.estimate, relative.se, acc[0]!.n + acc[1]!.n, 0.05);
        expect(sq.ci[1] - sq.ci[0]).toBeGreaterThan(relative.ci[1] - relative.ci[0]);
        if (sq.pValue < 0.05) seqHit = true;
      }
      if (naiveHit) naive++;
      if (seqHit) seq++;
    }
    expect(seq / sims).toBeLessThanOrEqual(0.05);
    expect(naive / sims).toBeGreaterThan(0.1);
  });

  it('has a p-value consistent with its interval', () => {
    const sq = sequentialEffect(0.1, 0.02, 20_000, 0.05);
    expect(sq.ci[0]).toBeGreaterThan(0);
    expect(sq.pValue).toBeLessThan(0.05);
    const at = sequentialEffect(0.1, 0.02, 20_000, sq.pValue);
    expect(at.ci[0]).toBeCloseTo(0, 6);
  });
});

describe('CUPED', () => {
  it('cuts the variance by about the squared correlation and keeps the difference unbiased', () => {
    const rng = new Random(3);
    const groups = [0, 0.5].map((lift) => {
      const g = { n: 0, sum: 0, sumSquares: 0, preSum: 0, preSumSquares: 0, sumProduct: 0 };
      for (let i = 0; i < 20_000; i++) {
        const pre = 10 + 3 * (rng.next() + rng.next() + rng.next() - 1.5) * 2;
        const x = pre + lift + 2 * (rng.next() - 0.5) * 2;
        g.n++;
        g.sum += x;
        g.sumSquares += x * x;
        g.preSum += pre;
        g.preSumSquares += pre * pre;
        g.sumProduct += x * pre;
      }
      return g;
    });
    const { theta, estimates } = cupedEstimates(groups);
    expect(theta).toBeGreaterThan(0.9);
    expect(theta).toBeLessThan(1.1);
    const raw = meanEstimate(groups[0]!);
    expect(estimates[0]!.variance / raw.variance).toBeLessThan(0.3);
    expect(estimates[1]!.mean - estimates[0]!.mean).toBeCloseTo(0.5, 1);
  });
});

describe('SRM, corrections, Bayesian', () => {
  it('flags a split this uneven only below p < 0.001', () => {
    expect(srmCheck([5000, 5000], [1, 1]).mismatch).toBe(false);
    const bad = srmCheck([5200, 4800], [50, 50]);
    expect(bad.chiSquare).toBeCloseTo(16, 10);
    expect(bad.pValue).toBeCloseTo(6.334e-5, 7);
    expect(bad.mismatch).toBe(true);
    expect(srmCheck([5060, 4940], [1, 1]).mismatch).toBe(false);
  });

  it('adjusts p-values by Holm and Benjamini–Hochberg', () => {
    const p = [0.01, 0.04, 0.03, 0.005];
    holmAdjust(p).forEach((v, i) => expect(v).toBeCloseTo([0.03, 0.06, 0.06, 0.02][i]!, 12));
    benjaminiHochbergAdjust(p).forEach((v, i) => expect(v).toBeCloseTo([0.02, 0.04, 0.04, 0.02][i]!, 12));
  });

  it('gives a chance to beat control of 50% at no effect and the normal tail otherwise', () => {
    expect(bayesianEffect(0, 0.1).chanceToBeatControl).toBeCloseTo(0.5, 12);
    expect(bayesianEffect(0.196, 0.1).chanceToBeatControl).toBeCloseTo(0.975002, 5);
    expect(bayesianEffect(0.5, 0.1).risk).toBeLessThan(1e-6);
  });
});
