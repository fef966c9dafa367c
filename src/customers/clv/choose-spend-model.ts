/**
 * Chooses the spend forecast (expected order value) by validation inside the calibration window, as the
 * purchase forecast is chosen: Gamma-Gamma, each customer's own mean order value, and their half-half
 * blend are scored on the mean order value of each customer who bought in the inner holdouts. Gamma-Gamma
 * replaces the own mean only when it is better by more than a standard error. On a small store its q
 * can sit just above 1, where p·v/(q − 1), the value it gives one-time buyers, runs to several times
 * any real order; validation catches that where a bound on q would not.
 */
import { DAY_MS } from '../types.js';
import { summariseTransactions, type CustomerSummary, type PurchaseLike } from './customer-summary.js';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.js';
import { ModelFitError } from './model-fit-error.js';
import type { CandidateScore, ValidationOrigin } from './purchase-choice.js';
import {
  MAX_VALIDATION_CUSTOMERS,
  meanAndStandardError,
  validationOrigins,
  validationSample,
  type OriginOptions,
} from './validation-origins.js';

/** A customer's mean order value over all their purchase days (the first included), the naive spend forecast. */
export function ownMeanSpend(x: number, repeatMean: number, firstValue: number): number {
  return (repeatMean * x + firstValue) / (x + 1);
}

/** The chosen spend forecast: Gamma-Gamma (fitted on the whole window) blended with the own mean. */
export interface SpendChoice {
  /** Null when Gamma-Gamma could not be fitted or has no weight. */
  params: GammaGammaParams | null;
  /** Share of Gamma-Gamma in the expected order value: 0 = own mean alone, 1 = Gamma-Gamma alone. */
  modelWeight: number;
  chosen: string;
  reason: string;
  /** Null when validation could not run; `versusNaive` compares with the own mean. */
  validation: { origins: ValidationOrigin[]; confidence: number; scores: CandidateScore[] } | null;
}

/** Expected order value of a customer with x repeat days of mean value m after a first day worth `first`. */
export function choiceExpectedSpend(c: SpendChoice, x: number, m: number, first: number): number {
  const own = ownMeanSpend(x, m, first);
  if (!c.params || c.modelWeight <= 0) return own;
  return c.modelWeight * gammaGammaExpectedSpend(c.params, x, m) + (1 - c.modelWeight) * own;
}

/** Options for {@link chooseSpendModel}. */
export interface SpendChoiceOptions extends OriginOptions {
  /** Standard errors Gamma-Gamma must beat the own mean by (default 1). */
  confidence?: number;
  /** Fewer customers buying in an inner holdout than this skips validation (default 10). */
  minScored?: number;
}

/** Mean order value per customer index over the purchase days in (fitEnd, holdoutEnd]. */
function holdoutSpend(
  purchases: readonly PurchaseLike[],
  s: CustomerSummary,
  fitEnd: number,
  holdoutEnd: number,
): Map<number, number> {
  const index = new Map<string, number>();
  s.ids.forEach((id, i) => index.set(id, i));
  const days = new Map<number, Set<number>>();
  const totals = new Map<number, number>();
  for (const p of purchases) {
    const day = Math.floor(p.time / DAY_MS);
    if (day <= fitEnd || day > holdoutEnd) continue;
    const i = index.get(p.customerId);
    if (i === undefined) continue;
    let set = days.get(i);
    if (!set) days.set(i, (set = new Set()));
    set.add(day);
    totals.set(i, (totals.get(i) ?? 0) + p.amount);
  }
  const out = new Map<number, number>();
  for (const [i, total] of totals) out.set(i, total / days.get(i)!.size);
  return out;
}

/** Candidates in the order they are preferred on a tie: the own mean, the blend, Gamma-Gamma. */
const WEIGHTS = [0, 0.5, 1];
const NAMES = ['own mean order value', '50% Gamma-Gamma + 50% own mean', 'Gamma-Gamma'];

/** Picks and fits the spend forecast for `summary`; never throws for want of data (the own mean always works). */
export function chooseSpendModel(
  purchases: readonly PurchaseLike[],
  summary: CustomerSummary,
  options: SpendChoiceOptions = {},
): SpendChoice {
  let full: GammaGammaParams;
  try {
    full = fitGammaGamma(summary.frequency, summary.monetary).params;
  } catch (err) {
    if (!(err instanceof ModelFitError)) throw err;
    return { params: null, modelWeight: 0, chosen: NAMES[0]!, reason: err.message, validation: null };
  }
  // Too little data to validate is too little to trust Gamma-Gamma's population part: keep the own mean.
  const unvalidated = (why: string): SpendChoice => ({
    params: null,
    modelWeight: 0,
    chosen: NAMES[0]!,
    reason: `not validated, so the own mean: ${why}`,
    validation: null,
  });
  const splits = validationOrigins(summary, options);
  if (splits.length === 0) {
    // A window too short to split says nothing about the amount of data: Gamma-Gamma as before validation.
    const reason = 'not validated: the calibration window is too short to hold a part out';
    return { params: full, modelWeight: 1, chosen: NAMES[2]!, reason, validation: null };
  }
  const confidence = options.confidence ?? 1;
  const minScored = options.minScored ?? 10;
  const origins: ValidationOrigin[] = [];
  const maeSums = [0, 0, 0];
  const deltas = WEIGHTS.map(() => new Map<string, number>());
  const sample = validationSample(
    purchases,
    summary.ids.length,
    options.maxValidationCustomers ?? MAX_VALIDATION_CUSTOMERS,
  );
  for (const { fitEnd, holdoutEnd } of splits) {
    const until = new Date(fitEnd * DAY_MS).toISOString().slice(0, 10);
    const s = summariseTransactions(sample, { end: fitEnd * DAY_MS, unitDays: summary.unitDays });
    let params: GammaGammaParams;
    try {
      params = fitGammaGamma(s.frequency, s.monetary).params;
    } catch (err) {
      if (!(err instanceof ModelFitError)) throw err;
      return unvalidated(`by ${until}: ${err.message}`);
    }
    const actual = holdoutSpend(sample, s, fitEnd, holdoutEnd);
    if (actual.size < minScored)
      return unvalidated(`${actual.size} customers bought after ${until}, fewer than ${minScored}`);
    let repeaters = 0;
    for (const x of s.frequency) if (x > 0) repeaters++;
    origins.push({ fitUntil: until, holdoutDays: holdoutEnd - fitEnd, customers: actual.size, repeaters });
    const errors = WEIGHTS.map(() => new Float64Array(actual.size));
    let k = 0;
    for (const [i, value] of actual) {
      const x = s.frequency[i]!;
      const own = ownMeanSpend(x, s.monetary[i]!, s.firstValue[i]!);
      const gg = gammaGammaExpectedSpend(params, x, s.monetary[i]!);
      WEIGHTS.forEach((w, c) => (errors[c]![k] = Math.abs(w * gg + (1 - w) * own - value)));
      k++;
    }
    const mae = errors.map((e) => e.reduce((a, b) => a + b, 0) / e.length);
    const scale = mae[0]! > 0 ? mae[0]! : 1;
    k = 0;
    for (const i of actual.keys()) {
      const id = s.ids[i]!;
      // Relative to this origin's own-mean MAE, so the origins weigh alike whatever their order values.
      WEIGHTS.forEach((_, c) =>
        deltas[c]!.set(id, (deltas[c]!.get(id) ?? 0) + (errors[c]![k]! - errors[0]![k]!) / scale),
      );
      k++;
    }
    mae.forEach((v, c) => (maeSums[c]! += v));
  }
  const scores: CandidateScore[] = WEIGHTS.map((_, c) => {
    // A customer who bought in both holdouts counts once, with the mean of their changes.
    const values = [...deltas[c]!.values()].map((v) => v / origins.length);
    const { mean, standardError } = meanAndStandardError(values);
    return {
      candidate: NAMES[c]!,
      mae: maeSums[c]! / origins.length,
      versusNaive: mean,
      upperBound: c === 0 ? 0 : mean + confidence * standardError,
    };
  });
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]!.upperBound < scores[best]!.upperBound - 1e-12) best = c;
  const pct = (v: number): string => `${v <= 0 ? '' : '+'}${(100 * v).toFixed(1)} %`;
  const where = origins.map((o) => `after ${o.fitUntil}`).join(' and ');
  const reason =
    `validated on the order values of customers who bought ${where}: ` +
    (best === 0
      ? `neither Gamma-Gamma (${pct(scores[2]!.versusNaive)} MAE) nor the blend (${pct(scores[1]!.versusNaive)}) ` +
        `beat the own mean by ${confidence} standard error`
      : `${pct(scores[best]!.versusNaive)} MAE against the own mean, the lowest upper bound`);
  return {
    params: best === 0 ? null : full,
    modelWeight: WEIGHTS[best]!,
    chosen: NAMES[best]!,
    reason,
    validation: { origins, confidence, scores },
  };
}
