/**
 * Exponential smoothing (ETS with additive errors): level, optional (damped) additive trend and optional
 * additive or multiplicative season. Smoothing parameters are chosen by a coarse grid then a local
 * refinement on the in-sample one-step squared error; for the non-seasonal forms the initial level and
 * trend are solved exactly by least squares for each candidate (the recursion is linear in them), which
 * is what a full optimiser spends most of its time on. No general-purpose optimiser, no allocation in the
 * inner loop: a fit of 100 points costs well under a millisecond.
 */
import { rms, type FittedModel, type ForecastModel } from './model.js';

/** Trend component: none, additive, or additive damped. */
export type EtsTrend = 'N' | 'A' | 'Ad';
/** Season component: none, additive or multiplicative. */
export type EtsSeason = 'N' | 'A' | 'M';

/** Smoothing parameters and initial states of a fitted ETS model. */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  level0: number;
  trend0: number;
  season0: Float64Array;
}

const ALPHAS = [0.02, 0.06, 0.12, 0.2, 0.3, 0.45, 0.6, 0.8, 0.95];
const BETA_SHARES = [0.02, 0.1, 0.3, 0.6];
const PHIS = [0.8, 0.88, 0.94, 0.98];
const GAMMA_SHARES = [0.02, 0.1, 0.3];

/** An ETS form as a {@link ForecastModel}. */
export class EtsModel implements ForecastModel {
  readonly name: string;

  constructor(
    readonly trend: EtsTrend,
    readonly season: EtsSeason,
  ) {
    this.name = `ets(${trend},${season})`;
  }

  /** Seasonal forms need two full seasons to start from. */
  minLength(m: number): number {
    if (this.season !== 'N') return 2 * m + 2;
    return this.trend === 'N' ? 3 : 5;
  }

  /** Fits by grid and refinement; multiplicative seasons fall back to additive on non-positive data. */
  fit(y: Float64Array, m: number): FittedEts {
    return fitEts(y, m, this.trend, this.season);
  }
}

/** A fitted ETS model with its parameters. */
export type FittedEts = FittedModel & { params: EtsParams };

/** Fits one ETS form; multiplicative seasons fall back to additive on data that is not positive. */
export function fitEts(y: Float64Array, m: number, trend: EtsTrend, season: EtsSeason): FittedEts {
  let form = season;
  if (form === 'M' && min(y) <= 0) form = 'A';
  if (m <= 1 || y.length < 2 * m + 2) form = 'N';
  const params = form === 'N' ? fitNonSeasonal(y, trend) : fitSeasonal(y, m, trend, form);
  return fittedEts(y, m, trend, form, params);
}

function min(y: Float64Array): number {
  let v = Infinity;
  for (let i = 0; i < y.length; i++) if (y[i]! < v) v = y[i]!;
  return v;
}

/** One-step SSE of the non-seasonal recursion from given initial states. */
function sseNonSeasonal(y: Float64Array, a: number, b: number, phi: number, l0: number, b0: number): number {
  let l = l0;
  let t = b0;
  let sse = 0;
  for (let i = 0; i < y.length; i++) {
    const f = l + phi * t;
    const e = y[i]! - f;
    sse += e * e;
    l = f + a * e;
    t = phi * t + b * e;
  }
  return sse;
}

/**
 * Least-squares initial level and trend for given smoothing parameters. The errors are affine in the
 * initial states, e = e0 + u·l0 + v·b0, where e0 comes from a run started at zero and u, v from runs on a
 * zero series started at unit states; the normal equations are then 2×2.
 */
function initialStates(y: Float64Array, a: number, b: number, phi: number, withTrend: boolean): [number, number] {
  let l = 0;
  let t = 0;
  let ul = 1;
  let ut = 0;
  let vl = 0;
  let vt = 1;
  let suu = 0;
  let svv = 0;
  let suv = 0;
  let sue = 0;
  let sve = 0;
  for (let i = 0; i < y.length; i++) {
    const f = l + phi * t;
    const e = y[i]! - f;
    l = f + a * e;
    t = phi * t + b * e;
    const uf = ul + phi * ut;
    const u = -uf;
    ul = uf + a * u;
    ut = phi * ut + b * u;
    suu += u * u;
    sue += u * e;
    if (withTrend) {
      const vf = vl + phi * vt;
      const v = -vf;
      vl = vf + a * v;
      vt = phi * vt + b * v;
      svv += v * v;
      suv += u * v;
      sve += v * e;
    }
  }
  if (!withTrend) return [suu > 0 ? -sue / suu : 0, 0];
  const det = suu * svv - suv * suv;
  if (Math.abs(det) < 1e-12 * (suu * svv + 1e-300)) return [suu > 0 ? -sue / suu : 0, 0];
  return [(-sue * svv + sve * suv) / det, (-sve * suu + sue * suv) / det];
}

function fitNonSeasonal(y: Float64Array, trend: EtsTrend): EtsParams {
  const withTrend = trend !== 'N';
  const evaluate = (a: number, bShare: number, phi: number) => {
    const b = withTrend ? a * bShare : 0;
    const [l0, b0] = initialStates(y, a, b, phi, withTrend);
    return sseNonSeasonal(y, a, b, phi, l0, b0);
  };
  const betas = withTrend ? BETA_SHARES : [0];
  const phis = trend === 'Ad' ? PHIS : [1];
  let best = { a: ALPHAS[0]!, s: betas[0]!, p: phis[0]!, sse: Infinity };
  for (const a of ALPHAS)
    for (const s of betas)
      for (const p of phis) {
        const sse = evaluate(a, s, p);
        if (sse < best.sse) best = { a, s, p, sse };
      }
  // Local refinement: halve the step around the best point a few times, one coordinate at a time.
  let da = 0.08;
  let ds = 0.1;
  let dp = 0.03;
  for (let round = 0; round < 4; round++, da /= 2, ds /= 2, dp /= 2) {
    for (const cand of [best.a - da, best.a + da]) {
      if (cand <= 0.001 || cand >= 0.999) continue;
      const sse = evaluate(cand, best.s, best.p);
      if (sse < best.sse) best = { ...best, a: cand, sse };
    }
    if (withTrend)
      for (const cand of [best.s - ds, best.s + ds]) {
        if (cand <= 0.001 || cand >= 1) continue;
        const sse = evaluate(best.a, cand, best.p);
        if (sse < best.sse) best = { ...best, s: cand, sse };
      }
    if (trend === 'Ad')
      for (const cand of [best.p - dp, best.p + dp]) {
        if (cand < 0.7 || cand > 0.985) continue;
        const sse = evaluate(best.a, best.s, cand);
        if (sse < best.sse) best = { ...best, p: cand, sse };
      }
  }
  const beta = withTrend ? best.a * best.s : 0;
  const [level0, trend0] = initialStates(y, best.a, beta, best.p, withTrend);
  return { alpha: best.a, beta, gamma: 0, phi: best.p, level0, trend0, season0: new Float64Array(0) };
}

/** Initial level, trend and season from the first two seasons (classical decomposition). */
function seasonalStart(y: Float64Array, m: number, season: EtsSeason): { l0: number; b0: number; s0: Float64Array } {
  let first = 0;
  let second = 0;
  for (let i = 0; i < m; i++) {
    first += y[i]!;
    second += y[i + m]!;
  }
  first /= m;
  second /= m;
  const b0 = (second - first) / m;
  const l0 = first - ((m - 1) / 2) * b0;
  const s0 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const trendAt = (k: number) => l0 + k * b0;
    const v1 = season === 'M' ? y[i]! / trendAt(i) : y[i]! - trendAt(i);
    const v2 = season === 'M' ? y[i + m]! / trendAt(i + m) : y[i + m]! - trendAt(i + m);
    s0[i] = (v1 + v2) / 2;
  }
  // Normalise: indices average 1 (multiplicative) or 0 (additive).
  let mean = 0;
  for (let i = 0; i < m; i++) mean += s0[i]!;
  mean /= m;
  for (let i = 0; i < m; i++) s0[i] = season === 'M' ? s0[i]! / (mean || 1) : s0[i]! - mean;
  return { l0: l0 - b0, b0, s0 };
}

/** One-step SSE of the seasonal recursion; `work` holds the season states (overwritten). */
function sseSeasonal(
  y: Float64Array,
  m: number,
  mult: boolean,
  p: { alpha: number; beta: number; gamma: number; phi: number; level0: number; trend0: number; season0: Float64Array },
  work: Float64Array,
  errors?: Float64Array,
): number {
  work.set(p.season0);
  let l = p.level0;
  let t = p.trend0;
  let sse = 0;
  const { alpha, beta, gamma, phi } = p;
  for (let i = 0; i < y.length; i++) {
    const j = i % m;
    const s = work[j]!;
    const base = l + phi * t;
    const f = mult ? base * s : base + s;
    const e = y[i]! - f;
    sse += e * e;
    if (errors) errors[i] = e;
    if (mult) {
      const sd = s > 1e-9 ? s : 1e-9;
      l = base + (alpha * e) / sd;
      t = phi * t + (beta * e) / sd;
      work[j] = s + (gamma * e) / (Math.abs(base) > 1e-9 ? base : 1e-9);
    } else {
      l = base + alpha * e;
      t = phi * t + beta * e;
      work[j] = s + gamma * e;
    }
  }
  return Number.isFinite(sse) ? sse : Infinity;
}

function fitSeasonal(y: Float64Array, m: number, trend: EtsTrend, season: EtsSeason): EtsParams {
  const start = seasonalStart(y, m, season);
  const mult = season === 'M';
  const work = new Float64Array(m);
  const withTrend = trend !== 'N';
  const params = (a: number, s: number, g: number, phi: number) => ({
    alpha: a,
    beta: withTrend ? a * s : 0,
    gamma: (1 - a) * g,
    phi,
    level0: start.l0,
    trend0: withTrend ? start.b0 : 0,
    season0: start.s0,
  });
  const betas = withTrend ? BETA_SHARES : [0];
  const phis = trend === 'Ad' ? PHIS : [1];
  let best = { a: 0.2, s: 0, g: 0.1, p: 1, sse: Infinity };
  for (const a of ALPHAS)
    for (const s of betas)
      for (const g of GAMMA_SHARES)
        for (const p of phis) {
          const sse = sseSeasonal(y, m, mult, params(a, s, g, p), work);
          if (sse < best.sse) best = { a, s, g, p, sse };
        }
  let da = 0.08;
  for (let round = 0; round < 3; round++, da /= 2) {
    for (const cand of [best.a - da, best.a + da]) {
      if (cand <= 0.001 || cand >= 0.999) continue;
      const sse = sseSeasonal(y, m, mult, params(cand, best.s, best.g, best.p), work);
      if (sse < best.sse) best = { ...best, a: cand, sse };
    }
    for (const cand of [best.g * 0.5, best.g * 1.5]) {
      if (cand <= 0 || cand >= 1) continue;
      const sse = sseSeasonal(y, m, mult, params(best.a, best.s, cand, best.p), work);
      if (sse < best.sse) best = { ...best, g: cand, sse };
    }
  }
  return params(best.a, best.s, best.g, best.p);
}

/** Runs the fitted recursion to the end of the data and returns the model that forecasts from there. */
function fittedEts(y: Float64Array, m: number, trend: EtsTrend, season: EtsSeason, p: EtsParams): FittedEts {
  const n = y.length;
  const errors = new Float64Array(n);
  const seasonal = season !== 'N';
  const mult = season === 'M';
  const work = new Float64Array(Math.max(m, 1));
  let l = p.level0;
  let t = p.trend0;
  if (seasonal) {
    // Same recursion as the fit, keeping the final states.
    work.set(p.season0);
    for (let i = 0; i < n; i++) {
      const j = i % m;
      const s = work[j]!;
      const base = l + p.phi * t;
      const e = y[i]! - (mult ? base * s : base + s);
      errors[i] = e;
      if (mult) {
        const sd = s > 1e-9 ? s : 1e-9;
        l = base + (p.alpha * e) / sd;
        t = p.phi * t + (p.beta * e) / sd;
        work[j] = s + (p.gamma * e) / (Math.abs(base) > 1e-9 ? base : 1e-9);
      } else {
        l = base + p.alpha * e;
        t = p.phi * t + p.beta * e;
        work[j] = s + p.gamma * e;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const f = l + p.phi * t;
      const e = y[i]! - f;
      errors[i] = e;
      l = f + p.alpha * e;
      t = p.phi * t + p.beta * e;
    }
  }
  const sigma = rms(errors);
  const level = l;
  const slope = trend === 'N' ? 0 : t;
  return {
    params: p,
    sigma,
    forecast(h: number): Float64Array {
      const out = new Float64Array(h);
      let damp = 0;
      let pk = 1;
      for (let k = 1; k <= h; k++) {
        pk *= p.phi;
        damp += trend === 'A' ? 1 : pk;
        const base = level + damp * slope;
        if (!seasonal) out[k - 1] = base;
        else {
          const s = work[(n + k - 1) % m]!;
          out[k - 1] = mult ? base * s : base + s;
        }
      }
      return out;
    },
    varianceFactor(step: number): number {
      // Class-1 ETS variance: 1 + Σ c_j², c_j = α + β(φ + … + φ^j) (+ γ at whole seasons).
      let v = 1;
      let damp = 0;
      let pk = 1;
      for (let j = 1; j < step; j++) {
        pk *= p.phi;
        damp += pk;
        const c = p.alpha + p.beta * damp + (seasonal && j % m === 0 ? p.gamma : 0);
        v += c * c;
      }
      return v;
    },
  };
}
