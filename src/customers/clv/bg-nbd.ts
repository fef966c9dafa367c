/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): purchase counts and
 * probability alive, fitted by maximum likelihood over log-parameters.
 */
import { lgamma, logAddExp, logHyp2f1 } from '../math/special.js';
import { nelderMead } from '../math/nelder-mead.js';
import { ModelFitError } from './model-fit-error.js';

/** BG/NBD parameters: purchase rate ~ Gamma(r, alpha), dropout probability ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Frequency (repeat periods), recency and T per customer, all in the same time unit. */
export interface FrequencyRecencyData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

/** Options for {@link fitBgNbd}. */
export interface BgNbdFitOptions {
  /** L2 shrinkage of log r, log a and log b towards `centre` (0 = plain maximum likelihood). */
  penalty?: number;
  /** Where shrinkage pulls r, a and b (default 1 each; alpha is scale-dependent and is not shrunk). */
  centre?: { r: number; a: number; b: number };
  /** Fewer customers than this is a {@link ModelFitError} (default 10). */
  minCustomers?: number;
  /** Start the search here only (e.g. a nearby fit's optimum) instead of the two default starts. */
  start?: BgNbdParams;
}

/** A fitted model with its fit diagnostics. */
export interface BgNbdFit {
  params: BgNbdParams;
  /** Mean log-likelihood per customer at the optimum (without the penalty). */
  meanLogLikelihood: number;
  customers: number;
  iterations: number;
  evaluations: number;
}

/** Dense slot ids for repeated values, so a per-value term is computed once per evaluation. */
function slots(values: ArrayLike<number>, into: Map<number, number>, list: number[]): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let s = into.get(v);
    if (s === undefined) {
      s = list.length;
      into.set(v, s);
      list.push(v);
    }
    out[i] = s;
  }
  return out;
}

/** Mean log-likelihood of the data under the parameters. */
export function bgNbdMeanLogLikelihood(params: BgNbdParams, data: FrequencyRecencyData): number {
  return makeLogLikelihood(data)(params);
}

/**
 * Builds the likelihood over distinct (x, tx, T) rows with counts. Frequencies and times repeat a lot
 * (whole days), so lgamma terms and logs are computed per distinct value, not per customer.
 */
function makeLogLikelihood(data: FrequencyRecencyData): (p: BgNbdParams) => number {
  const n = data.frequency.length;
  const xValues: number[] = [];
  const timeValues: number[] = [];
  const timeMap = new Map<number, number>();
  const xSlot = slots(data.frequency, new Map(), xValues);
  const txSlot = slots(data.recency, timeMap, timeValues);
  const tSlot = slots(data.T, timeMap, timeValues);
  const rows = new Map<string, number>();
  const keys: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${xSlot[i]},${txSlot[i]},${tSlot[i]}`;
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, keys.length / 4);
      keys.push(xSlot[i]!, txSlot[i]!, tSlot[i]!, 1);
    } else {
      keys[row * 4 + 3]!++;
    }
  }
  const m = keys.length / 4;
  const rowX = new Int32Array(m);
  const rowTx = new Int32Array(m);
  const rowT = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    rowX[j] = keys[j * 4]!;
    rowTx[j] = keys[j * 4 + 1]!;
    rowT[j] = keys[j * 4 + 2]!;
    weight[j] = keys[j * 4 + 3]!;
  }
  const constant = new Float64Array(xValues.length);
  const logA4 = new Float64Array(xValues.length);
  const rx = new Float64Array(xValues.length);
  const logTime = new Float64Array(timeValues.length);
  return ({ r, alpha, a, b }) => {
    const base = -lgamma(r) + r * Math.log(alpha) + lgamma(a + b) - lgamma(b);
    for (let k = 0; k < xValues.length; k++) {
      const x = xValues[k]!;
      constant[k] = base + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x);
      logA4[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity;
      rx[k] = r + x;
    }
    for (let k = 0; k < timeValues.length; k++) logTime[k] = Math.log(alpha + timeValues[k]!);
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const k = rowX[j]!;
      const a3 = -rx[k]! * logTime[rowT[j]!]!;
      const a4 = logA4[k]! - rx[k]! * logTime[rowTx[j]!]!;
      sum += weight[j]! * (constant[k]! + logAddExp(a3, a4));
    }
    return sum / n;
  };
}

/** Fits BG/NBD by maximum (optionally penalised) likelihood; throws {@link ModelFitError} when unsupported. */
export function fitBgNbd(data: FrequencyRecencyData, options: BgNbdFitOptions = {}): BgNbdFit {
  const n = data.frequency.length;
  const minCustomers = options.minCustomers ?? 10;
  if (n < minCustomers) throw new ModelFitError('bg-nbd', `needs at least ${minCustomers} customers, got ${n}`);
  let repeaters = 0;
  let meanT = 0;
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i]!;
    const tx = data.recency[i]!;
    const T = data.T[i]!;
    if (!(x >= 0 && tx >= 0 && T >= tx) || !Number.isFinite(T)) {
      throw new ModelFitError('bg-nbd', `customer ${i} has invalid frequency/recency/T (${x}, ${tx}, ${T})`);
    }
    if (x > 0) repeaters++;
    meanT += T / n;
  }
  if (repeaters === 0) throw new ModelFitError('bg-nbd', 'no repeat purchases: the dropout process is not identified');
  if (!(meanT > 0)) throw new ModelFitError('bg-nbd', 'all customers were first seen at the end of the period');
  const ll = makeLogLikelihood(data);
  const penalty = options.penalty ?? 0;
  const centre = options.centre ?? { r: 1, a: 1, b: 1 };
  const logCentre = [Math.log(centre.r), 0, Math.log(centre.a), Math.log(centre.b)];
  const toParams = (z: number[]): BgNbdParams => ({
    r: Math.exp(z[0]!),
    alpha: Math.exp(z[1]!),
    a: Math.exp(z[2]!),
    b: Math.exp(z[3]!),
  });
  const objective = (z: number[]): number => {
    // Log-parameters beyond ±30 mean a parameter is running to 0 or infinity; refuse rather than overflow.
    for (const v of z) if (Math.abs(v) > 30) return Infinity;
    let pen = 0;
    if (penalty > 0) for (const k of [0, 2, 3]) pen += (z[k]! - logCentre[k]!) ** 2;
    return -ll(toParams(z)) + penalty * pen;
  };
  const given = options.start;
  const starts = given
    ? [[given.r, given.alpha, given.a, given.b].map((v) => Math.min(Math.max(Math.log(v), -29), 29))]
    : [
        [0, Math.log(meanT), 0, 0],
        [Math.log(0.5), Math.log(meanT / 4), Math.log(0.5), Math.log(2)],
      ];
  let best = nelderMead(objective, starts[0]!, { restarts: 4 });
  for (const s of starts.slice(1)) {
    const m = nelderMead(objective, s, { restarts: 4 });
    if (m.value < best.value) best = { ...m, evaluations: (m.evaluations ?? 0) + (best.evaluations ?? 0) };
    else best.evaluations = (best.evaluations ?? 0) + (m.evaluations ?? 0);
  }
  if (!Number.isFinite(best.value)) throw new ModelFitError('bg-nbd', 'the likelihood could not be evaluated');
  const params = toParams(best.x);
  return {
    params,
    meanLogLikelihood: ll(params),
    customers: n,
    iterations: best.iterations,
    evaluations: best.evaluations ?? 0,
  };
}

/** P(customer still alive at T) given frequency x and recency tx. */
export function bgNbdProbabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logRatio = Math.log(p.a / (p.b + x - 1)) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return 1 / (1 + Math.exp(logRatio));
}

/** Expected number of purchases in (T, T + t] given the customer's history (x, tx, T). */
export function bgNbdExpectedPurchases(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = p;
  // a = 1 is a removable singularity of the closed form; nudging it changes the result negligibly.
  const a = Math.abs(p.a - 1) < 1e-9 ? 1 + 1e-9 : p.a;
  const rx = r + x;
  const z = t / (alpha + T + t);
  const logF = logHyp2f1(rx, b + x, a + b + x - 1, z) + rx * Math.log((alpha + T) / (alpha + T + t));
  const numerator = ((a + b + x - 1) / (a - 1)) * -Math.expm1(logF);
  const denominator =
    x > 0 ? 1 + Math.exp(Math.log(a / (b + x - 1)) + rx * (Math.log(alpha + T) - Math.log(alpha + tx))) : 1;
  return numerator / denominator;
}

/** P(no purchase in (T, T + t]): dead already, or alive with a Gamma(r + x, alpha + T) rate that stays silent. */
export function bgNbdProbabilityNoPurchase(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  const alive = bgNbdProbabilityAlive(p, x, tx, T);
  const silent = Math.exp((p.r + x) * Math.log((p.alpha + T) / (p.alpha + T + t)));
  return 1 - alive + alive * silent;
}

/** Median time to the next purchase if the customer is still alive (in the model's time unit). */
export function bgNbdMedianTimeToNextPurchase(p: BgNbdParams, x: number, T: number): number {
  return (p.alpha + T) * (Math.pow(2, 1 / (p.r + x)) - 1);
}
