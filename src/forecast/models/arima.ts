/**
 * A small automatic ARIMA(p,d,q) with p, q ≤ 2 and d ≤ 1: d by the KPSS level-stationarity test (as in
 * Hyndman–Khandakar's auto.arima), then every (p,q) fitted by conditional sum of squares (Hannan–Rissanen
 * start, a few Gauss–Newton steps) and the lowest AICc kept. Seasonal data reaches it deseasonalised (see
 * deseasonalised-model.ts) like the other non-seasonal methods: cheaper than seasonal differencing and the same
 * test decides. It is kept cheap on purpose: it is fitted at every backtest origin of every series.
 */
import type { FittedModel, ForecastModel } from './model.js';

/** The largest AR and MA orders tried. */
const MAX_ORDER = 2;
/** KPSS 5% critical value for level stationarity (Kwiatkowski et al. 1992). */
const KPSS_CRITICAL = 0.463;
const GAUSS_NEWTON_STEPS = 4;

/** An ARIMA fit: coefficients of w_t = c + Σ φ_i w_{t−i} + Σ θ_j e_{t−j} + e_t on the d-times differenced series. */
export interface ArimaFit {
  p: number;
  d: number;
  q: number;
  constant: number;
  ar: Float64Array;
  ma: Float64Array;
  /** Conditional sum of squares and how many residuals it sums. */
  css: number;
  count: number;
  aicc: number;
}

/** KPSS statistic for level stationarity (Bartlett window, lag trunc(4 (n/100)^¼)). */
export function kpssStatistic(y: Float64Array): number {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i]!;
  mean /= n;
  let partial = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    partial += y[i]! - mean;
    s2 += partial * partial;
  }
  const lags = Math.trunc(4 * Math.pow(n / 100, 0.25));
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (y[i]! - mean) ** 2;
  let longRun = variance;
  for (let j = 1; j <= lags; j++) {
    let g = 0;
    for (let i = j; i < n; i++) g += (y[i]! - mean) * (y[i - j]! - mean);
    longRun += 2 * (1 - j / (lags + 1)) * g;
  }
  longRun /= n;
  return longRun > 0 ? s2 / (n * n * longRun) : 0;
}

/** Residuals of the ARMA recursion (errors before the start taken as 0); returns their sum of squares from `p`. */
function residuals(w: Float64Array, c: number, ar: Float64Array, ma: Float64Array, e: Float64Array): number {
  const n = w.length;
  const p = ar.length;
  const q = ma.length;
  let css = 0;
  for (let t = 0; t < n; t++) {
    if (t < p) {
      e[t] = 0;
      continue;
    }
    let f = c;
    for (let i = 0; i < p; i++) f += ar[i]! * w[t - 1 - i]!;
    for (let j = 0; j < q; j++) if (t - 1 - j >= 0) f += ma[j]! * e[t - 1 - j]!;
    const r = w[t]! - f;
    e[t] = r;
    css += r * r;
  }
  return css;
}

/** Whether 1 − a₁z − a₂z² (a of length ≤ 2) has its roots outside the unit circle. */
function stableLag2(a: Float64Array, sign: number): boolean {
  const a1 = sign * (a[0] ?? 0);
  const a2 = sign * (a[1] ?? 0);
  return a1 + a2 < 0.99 && a2 - a1 < 0.99 && Math.abs(a2) < 0.99;
}

/** Least squares on rows of `x` (k columns, row-major) with a tiny ridge so near-collinear lags stay solvable. */
function leastSquares(x: Float64Array, y: Float64Array, rows: number, k: number): Float64Array | undefined {
  const a = new Float64Array(k * (k + 1));
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < k; i++) {
      const xi = x[r * k + i]!;
      for (let j = 0; j < k; j++) a[i * (k + 1) + j] = a[i * (k + 1) + j]! + xi * x[r * k + j]!;
      a[i * (k + 1) + k] = a[i * (k + 1) + k]! + xi * y[r]!;
    }
  }
  for (let i = 0; i < k; i++) a[i * (k + 1) + i] = a[i * (k + 1) + i]! * (1 + 1e-9) + 1e-12;
  // Gaussian elimination with partial pivoting on the augmented k×(k+1) system.
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs(a[r * (k + 1) + col]!) > Math.abs(a[pivot * (k + 1) + col]!)) pivot = r;
    if (Math.abs(a[pivot * (k + 1) + col]!) < 1e-14) return undefined;
    if (pivot !== col)
      for (let j = 0; j <= k; j++) {
        const tmp = a[col * (k + 1) + j]!;
        a[col * (k + 1) + j] = a[pivot * (k + 1) + j]!;
        a[pivot * (k + 1) + j] = tmp;
      }
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r * (k + 1) + col]! / a[col * (k + 1) + col]!;
      if (f === 0) continue;
      for (let j = col; j <= k; j++) a[r * (k + 1) + j] = a[r * (k + 1) + j]! - f * a[col * (k + 1) + j]!;
    }
  }
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) out[i] = a[i * (k + 1) + k]! / a[i * (k + 1) + i]!;
  return out;
}

/** Regresses w_t on a constant (optional), its p lags and q lagged residual estimates `eHat`, for t ≥ start. */
function regressLags(
  w: Float64Array,
  eHat: Float64Array | undefined,
  p: number,
  q: number,
  withConstant: boolean,
  start: number,
): Float64Array | undefined {
  const k = (withConstant ? 1 : 0) + p + q;
  const rows = w.length - start;
  if (k === 0 || rows <= k) return undefined;
  const x = new Float64Array(rows * k);
  const target = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const t = start + r;
    let c = 0;
    if (withConstant) x[r * k + c++] = 1;
    for (let i = 1; i <= p; i++) x[r * k + c++] = w[t - i]!;
    for (let j = 1; j <= q; j++) x[r * k + c++] = eHat![t - j]!;
    target[r] = w[t]!;
  }
  return leastSquares(x, target, rows, k);
}

/** Residuals of a long autoregression (Hannan–Rissanen's stand-in for the unobserved errors), and its order. */
export function longArResiduals(w: Float64Array): { eHat: Float64Array; order: number } | undefined {
  const n = w.length;
  const order = Math.min(8, Math.floor(n / 4));
  const coef = regressLags(w, undefined, order, 0, true, order);
  if (!coef) return undefined;
  const eHat = new Float64Array(n);
  for (let t = order; t < n; t++) {
    let f = coef[0]!;
    for (let i = 1; i <= order; i++) f += coef[i]! * w[t - i]!;
    eHat[t] = w[t]! - f;
  }
  return { eHat, order };
}

/**
 * Fits ARMA(p,q) (with a constant when asked) to the differenced series `w`: Hannan–Rissanen regression, then,
 * when `refine`, Gauss–Newton steps on the conditional sum of squares (orders are chosen on the cheap start and only
 * the winner is refined). `long` is {@link longArResiduals} of `w`, shared by every order with MA terms.
 */
export function fitArma(
  w: Float64Array,
  p: number,
  q: number,
  withConstant: boolean,
  refine = true,
  long = q > 0 ? longArResiduals(w) : undefined,
): Omit<ArimaFit, 'd'> | undefined {
  const n = w.length;
  const k = (withConstant ? 1 : 0) + p + q;
  const e = new Float64Array(n);
  let c = 0;
  let ar = new Float64Array(p);
  let ma = new Float64Array(q);
  if (k > 0) {
    if (q > 0 && !long) return undefined;
    const start = q > 0 ? Math.max(p, long!.order + q) : p;
    const coef = regressLags(w, long?.eHat, p, q, withConstant, start);
    if (!coef) return undefined;
    let at = 0;
    if (withConstant) c = coef[at++]!;
    ar = coef.slice(at, at + p);
    ma = coef.slice(at + p, at + p + q);
    if (!stableLag2(ar, 1)) return undefined;
    if (!stableLag2(ma, -1)) ma = new Float64Array(q);
  }
  let css = residuals(w, c, ar, ma, e);
  // Pure autoregressions are already their conditional least squares; with MA terms, Gauss–Newton on the CSS.
  if (q > 0 && refine) {
    const params = Float64Array.from([...(withConstant ? [c] : []), ...ar, ...ma]);
    const unpack = (v: Float64Array) => ({
      c: withConstant ? v[0]! : 0,
      ar: v.subarray(withConstant ? 1 : 0, (withConstant ? 1 : 0) + p),
      ma: v.subarray((withConstant ? 1 : 0) + p),
    });
    const rows = n - p;
    const jac = new Float64Array(rows * k);
    const base = new Float64Array(n);
    const shifted = new Float64Array(n);
    for (let step = 0; step < GAUSS_NEWTON_STEPS; step++) {
      const cur = unpack(params);
      residuals(w, cur.c, cur.ar, cur.ma, base);
      for (let j = 0; j < k; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(params[j]!));
        const trial = params.slice();
        trial[j] = trial[j]! + h;
        const u = unpack(trial);
        residuals(w, u.c, u.ar, u.ma, shifted);
        // d residual / d param; Gauss–Newton solves J δ ≈ −r.
        for (let r = 0; r < rows; r++) jac[r * k + j] = (shifted[p + r]! - base[p + r]!) / h;
      }
      const negR = new Float64Array(rows);
      for (let r = 0; r < rows; r++) negR[r] = -base[p + r]!;
      const delta = leastSquares(jac, negR, rows, k);
      if (!delta) break;
      let improved = false;
      for (let scale = 1; scale > 1 / 16; scale /= 2) {
        const trial = params.slice();
        for (let j = 0; j < k; j++) trial[j] = trial[j]! + scale * delta[j]!;
        const u = unpack(trial);
        if (!stableLag2(u.ar, 1) || !stableLag2(u.ma, -1)) continue;
        const next = residuals(w, u.c, u.ar, u.ma, shifted);
        if (next < css) {
          params.set(trial);
          css = next;
          improved = true;
          break;
        }
      }
      if (!improved || Math.abs(delta.reduce((s, v) => s + v * v, 0)) < 1e-12) break;
    }
    const best = unpack(params);
    c = best.c;
    ar = best.ar.slice();
    ma = best.ma.slice();
    css = residuals(w, c, ar, ma, e);
  }
  const count = n - p;
  if (count <= k + 2 || !Number.isFinite(css)) return undefined;
  const sigma2 = Math.max(css / count, 1e-12);
  const params = k + 1;
  const aicc = count * Math.log(sigma2) + 2 * params + (2 * params * (params + 1)) / Math.max(1, count - params - 1);
  return { p, q, constant: c, ar, ma, css, count, aicc };
}

/** First differences of `y` `d` times. */
function difference(y: Float64Array, d: number): Float64Array {
  let w = y;
  for (let k = 0; k < d; k++) w = Float64Array.from({ length: w.length - 1 }, (_, i) => w[i + 1]! - w[i]!);
  return w;
}

/** Chooses d (0 or 1) by KPSS, then (p,q) ≤ 2 by AICc; a constant for d = 0, a drift for d = 1 when it is clear. */
export function autoArima(y: Float64Array): ArimaFit | undefined {
  const d = kpssStatistic(y) > KPSS_CRITICAL ? 1 : 0;
  const w = difference(y, d);
  // A drift only when the mean difference stands two standard errors from zero: a drift extrapolated over the
  // horizon is what makes differenced models wild on noisy retail series.
  let withConstant = true;
  if (d === 1) {
    let mean = 0;
    for (let i = 0; i < w.length; i++) mean += w[i]!;
    mean /= w.length;
    let v = 0;
    for (let i = 0; i < w.length; i++) v += (w[i]! - mean) ** 2;
    const se = Math.sqrt(v / Math.max(1, w.length - 1) / w.length);
    withConstant = Math.abs(mean) > 2 * se;
  }
  const long = longArResiduals(w);
  let best: ArimaFit | undefined;
  for (let p = 0; p <= MAX_ORDER; p++)
    for (let q = 0; q <= MAX_ORDER; q++) {
      if (p + q === 0 && !withConstant) {
        const css = w.reduce((s, v) => s + v * v, 0);
        const count = w.length;
        const aicc = count * Math.log(Math.max(css / count, 1e-12)) + 2;
        const fit = { p, d, q, constant: 0, ar: new Float64Array(0), ma: new Float64Array(0), css, count, aicc };
        if (!best || fit.aicc < best.aicc) best = fit;
        continue;
      }
      const fit = fitArma(w, p, q, withConstant, false, long);
      if (fit && (!best || fit.aicc < best.aicc)) best = { ...fit, d };
    }
  if (best && best.q > 0) {
    const refined = fitArma(w, best.p, best.q, withConstant, true, long);
    if (refined && refined.css <= best.css) best = { ...refined, d };
  }
  return best;
}

/** Forecasts `h` steps of a fitted ARIMA on `y` (the undifferenced series it was fitted to). */
export function arimaForecast(y: Float64Array, fit: ArimaFit, h: number): Float64Array {
  const w = difference(y, fit.d);
  const n = w.length;
  const e = new Float64Array(n);
  residuals(w, fit.constant, fit.ar, fit.ma, e);
  const wf = new Float64Array(n + h);
  wf.set(w);
  const ef = new Float64Array(n + h);
  ef.set(e);
  for (let t = n; t < n + h; t++) {
    let f = fit.constant;
    for (let i = 0; i < fit.p; i++) if (t - 1 - i >= 0) f += fit.ar[i]! * wf[t - 1 - i]!;
    for (let j = 0; j < fit.q; j++) if (t - 1 - j >= 0) f += fit.ma[j]! * ef[t - 1 - j]!;
    wf[t] = f;
  }
  const out = wf.slice(n);
  if (fit.d === 1) {
    let last = y[y.length - 1]!;
    for (let k = 0; k < h; k++) out[k] = last += out[k]!;
  }
  return out;
}

/** ψ weights of the fitted model (differencing included): the forecast error of step k has variance σ² Σ_{j<k} ψ_j². */
function psiWeights(fit: ArimaFit, count: number): Float64Array {
  // φ*(B) = φ(B)(1 − B)^d as coefficients of lags 1..p+d.
  const phi = new Float64Array(fit.p + fit.d);
  for (let i = 0; i < fit.p; i++) phi[i] = fit.ar[i]!;
  if (fit.d === 1) {
    for (let i = fit.p; i >= 1; i--) phi[i] = phi[i]! - phi[i - 1]!;
    phi[0] = phi[0]! + 1;
  }
  const psi = new Float64Array(count);
  psi[0] = 1;
  for (let j = 1; j < count; j++) {
    let v = j <= fit.q ? fit.ma[j - 1]! : 0;
    for (let i = 1; i <= phi.length && i <= j; i++) v += phi[i - 1]! * psi[j - i]!;
    psi[j] = v;
  }
  return psi;
}

/** Automatic ARIMA with p, q ≤ 2 and d ≤ 1 (see the file's comment). */
export class ArimaModel implements ForecastModel {
  readonly name = 'arima';
  /** Box and Jenkins' rule of thumb: order selection on fewer than about 50 values is mostly noise. */
  minLength(): number {
    return 50;
  }

  /** The lowest-AICc order on `y` (no season: see DeseasonalisedModel). */
  fit(y: Float64Array): FittedModel {
    const fit = autoArima(y);
    if (!fit) {
      // Nothing fitted (degenerate data): the last value, like the naive method.
      const last = y[y.length - 1] ?? 0;
      return { sigma: 0, forecast: (h) => new Float64Array(h).fill(last), varianceFactor: (step) => step };
    }
    let psi = psiWeights(fit, 1);
    return {
      sigma: Math.sqrt(fit.css / fit.count),
      forecast: (h) => arimaForecast(y, fit, h),
      varianceFactor(step) {
        if (psi.length < step) psi = psiWeights(fit, Math.max(step, 2 * psi.length));
        let s = 0;
        for (let j = 0; j < step; j++) s += psi[j]! * psi[j]!;
        return s;
      },
    };
  }
}
