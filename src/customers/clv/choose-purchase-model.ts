/**
 * Chooses the purchase forecast by validation inside the calibration window. The window's last part is
 * held out (at two origins by default); BG/NBD by maximum likelihood, penalised BG/NBD, the naive repeat
 * rate and blends of the two are fitted on what comes before and scored by the absolute error of their
 * expected purchases. The winner is refitted on the whole window.
 *
 * On a small store the candidates' errors differ by less than their noise, and a model that wins the
 * inner holdout by chance loses afterwards. So a candidate replaces the naive rate only when it is better
 * by more than a standard error (per customer, pooled over origins): the "one-standard-error" rule,
 * measured against the baseline every forecast must beat.
 */
import { DAY_MS } from '../types.js';
import { holdoutSplit } from '../evaluate/holdout-split.js';
import { bgNbdExpectedPurchases, fitBgNbd, type BgNbdParams } from './bg-nbd.js';
import type { CustomerSummary, PurchaseLike } from './customer-summary.js';
import { ModelFitError } from './model-fit-error.js';
import { naiveRepeatRate } from './naive-rate.js';
import type { CandidateScore, PurchaseChoice, ValidationOrigin } from './purchase-choice.js';
import { fitPurchaseModel, type PurchaseModel } from './purchase-model.js';
import {
  MAX_VALIDATION_CUSTOMERS,
  meanAndStandardError,
  validationOrigins,
  validationSample,
  type OriginOptions,
} from './validation-origins.js';

/** Options for {@link choosePurchaseModel}. */
export interface PurchaseChoiceOptions extends OriginOptions {
  /** Standard errors a candidate must beat the naive rate by (default 1). */
  confidence?: number;
  /** Penalties of the penalised BG/NBD candidates (default [0.01, 0.1]; 0, maximum likelihood, is always tried). */
  penalties?: number[];
  /** Shares of the naive rate tried in blends with each BG/NBD fit (default 0, ¼, ½, ¾). */
  naiveWeights?: number[];
  /** Fewer customers than this in an inner fitting period skips validation (default 20). */
  minCustomers?: number;
}

/** A fitted base model's name, e.g. `BG/NBD penalised λ=0.01`. */
function baseName(penalty: number): string {
  return penalty === 0 ? 'BG/NBD maximum likelihood' : `BG/NBD penalised λ=${penalty}`;
}

/** A candidate's name from its base and the naive share. */
function candidateName(penalty: number, w: number): string {
  if (w >= 1) return 'naive rate';
  if (w <= 0) return baseName(penalty);
  return `${Math.round((1 - w) * 100)}% ${baseName(penalty)} + ${Math.round(w * 100)}% naive rate`;
}

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);
const pct = (v: number): string => `${v <= 0 ? '' : '+'}${(100 * v).toFixed(1)} %`;

/** A candidate being scored: its per-customer error changes against the naive rate, summed over origins. */
interface Tally {
  penalty: number;
  w: number;
  maeSum: number;
  delta: Map<string, number>;
  error?: string;
}

/**
 * Picks and fits the forecast for `summary`, validating on `purchases` (those the summary was built from;
 * later ones are ignored). Throws {@link ModelFitError} only when no model can be fitted on the whole window.
 */
export function choosePurchaseModel(
  purchases: readonly PurchaseLike[],
  summary: CustomerSummary,
  options: PurchaseChoiceOptions = {},
): PurchaseChoice {
  const unit = summary.unitDays;
  const splits = validationOrigins(summary, options);
  const minCustomers = options.minCustomers ?? 20;
  const confidence = options.confidence ?? 1;
  const unvalidated = (why: string): PurchaseChoice => {
    const model = fitPurchaseModel(summary);
    return {
      model,
      naiveWeight: 0,
      chosen: baseName(model.penalty),
      reason: `not validated: ${why}`,
      validation: null,
    };
  };
  if (splits.length === 0) {
    let first = summary.end;
    for (const d of summary.firstDay) first = Math.min(first, d);
    const spanDays = Math.floor(summary.end / DAY_MS) - Math.floor(first / DAY_MS);
    return unvalidated(`the calibration window (${spanDays} days) is too short to hold a part out`);
  }
  const holdoutUnits = (splits[0]!.holdoutEnd - splits[0]!.fitEnd) / unit;

  const penalties = [0, ...(options.penalties ?? [0.01, 0.1])];
  const weights = (options.naiveWeights ?? [0, 0.25, 0.5, 0.75]).filter((w) => w >= 0 && w < 1);
  const tallies: Tally[] = [];
  for (const penalty of penalties) for (const w of weights) tallies.push({ penalty, w, maeSum: 0, delta: new Map() });
  const origins: ValidationOrigin[] = [];
  let naiveMaeSum = 0;
  const sample = validationSample(
    purchases,
    summary.ids.length,
    options.maxValidationCustomers ?? MAX_VALIDATION_CUSTOMERS,
  );
  // Each penalty's latest inner optimum: a close start for the refit on the whole window.
  const innerOptimum = new Map<number, BgNbdParams>();
  for (const { fitEnd, holdoutEnd } of splits) {
    const inner = holdoutSplit(sample, fitEnd * DAY_MS, holdoutEnd * DAY_MS, unit);
    const s = inner.calibration;
    const n = s.ids.length;
    let repeaters = 0;
    for (const x of s.frequency) if (x > 0) repeaters++;
    const until = isoDay(fitEnd * DAY_MS);
    if (n < minCustomers) return unvalidated(`${n} customers by ${until}, fewer than ${minCustomers}`);
    if (repeaters === 0) return unvalidated(`no repeat purchases by ${until}`);
    origins.push({ fitUntil: until, holdoutDays: holdoutUnits * unit, customers: n, repeaters });

    const t = inner.holdoutLength;
    const naiveError = new Float64Array(n);
    const naive = new Float64Array(n);
    let naiveMae = 0;
    for (let i = 0; i < n; i++) {
      naive[i] = naiveRepeatRate(s.frequency[i]!, s.T[i]!, t);
      naiveError[i] = Math.abs(naive[i]! - inner.actual[i]!);
      naiveMae += naiveError[i]! / n;
    }
    naiveMaeSum += naiveMae;
    // Changes are relative to this origin's naive MAE, so a busy holdout does not outweigh a quiet one.
    const scale = naiveMae > 0 ? naiveMae : 1;
    const predicted = new Float64Array(n);
    let previous: BgNbdParams | undefined;
    for (const penalty of penalties) {
      const group = tallies.filter((c) => c.penalty === penalty && c.error === undefined);
      if (group.length === 0) continue;
      try {
        // Each penalised fit starts from the previous, less penalised optimum: it is close, and the search is the costly part.
        const params = fitBgNbd(s, previous ? { penalty, start: previous } : { penalty }).params;
        previous = params;
        innerOptimum.set(penalty, params);
        for (let i = 0; i < n; i++) {
          predicted[i] = bgNbdExpectedPurchases(params, s.frequency[i]!, s.recency[i]!, s.T[i]!, t);
        }
      } catch (err) {
        if (!(err instanceof ModelFitError)) throw err;
        for (const c of group) c.error = `${until}: ${err.message}`;
        continue;
      }
      for (const c of group) {
        let mae = 0;
        for (let i = 0; i < n; i++) {
          const e = Math.abs((1 - c.w) * predicted[i]! + c.w * naive[i]! - inner.actual[i]!);
          mae += e / n;
          const id = s.ids[i]!;
          c.delta.set(id, (c.delta.get(id) ?? 0) + (e - naiveError[i]!) / scale);
        }
        c.maeSum += mae;
      }
    }
  }

  const count = origins.length;
  const scores: CandidateScore[] = [
    { candidate: 'naive rate', mae: naiveMaeSum / count, versusNaive: 0, upperBound: 0 },
  ];
  let best = { score: scores[0]!, penalty: 0, w: 1 };
  for (const c of tallies) {
    const name = candidateName(c.penalty, c.w);
    if (c.error !== undefined) {
      scores.push({
        candidate: name,
        mae: Number.NaN,
        versusNaive: Number.NaN,
        upperBound: Number.NaN,
        error: c.error,
      });
      continue;
    }
    // The customer is the independent unit: their changes over the origins are summed before the spread is taken.
    const { mean, standardError } = meanAndStandardError([...c.delta.values()].map((v) => v / count));
    const score = {
      candidate: name,
      mae: c.maeSum / count,
      versusNaive: mean,
      upperBound: mean + confidence * standardError,
    };
    scores.push(score);
    // Strictly lower only: on a tie the naive rate, then the earlier and simpler candidate, stays.
    if (score.upperBound < best.score.upperBound - 1e-12) best = { score, penalty: c.penalty, w: c.w };
  }
  const chosen = best.score.candidate;
  const runnerUp = scores
    .filter((c) => c.candidate !== chosen && Number.isFinite(c.upperBound))
    .sort((x, y) => x.upperBound - y.upperBound)[0];
  const where = origins.map((o) => `after ${o.fitUntil}`).join(' and ');
  const reason =
    `validated on ${count} holdout${count > 1 ? 's' : ''} of ${holdoutUnits * unit} days inside the calibration ` +
    `window (${where}; ${origins[0]!.customers} customers, ${origins[0]!.repeaters} repeating): ` +
    (best.w >= 1
      ? `no candidate beat the naive rate by more than ${confidence} standard error${confidence === 1 ? '' : 's'}` +
        (runnerUp ? ` (best: ${runnerUp.candidate}, ${pct(runnerUp.versusNaive)} MAE)` : '')
      : `${pct(best.score.versusNaive)} MAE against the naive rate, the lowest upper bound ` +
        `(${pct(best.score.upperBound)} at ${confidence} standard error${confidence === 1 ? '' : 's'})`);
  return {
    model: refit(summary, best.penalty, best.w, innerOptimum.get(best.penalty)),
    naiveWeight: best.w,
    chosen,
    reason,
    validation: { origins, confidence, scores },
  };
}

/**
 * Fits the chosen base on the whole window. The naive rate alone still needs a model for P(alive), churn
 * risk and the next order date, so it gets the bound-guarded one.
 */
function refit(summary: CustomerSummary, penalty: number, w: number, start?: BgNbdParams): PurchaseModel {
  if (w >= 1) return fitPurchaseModel(summary);
  try {
    const params = fitBgNbd(summary, start ? { penalty, start } : { penalty }).params;
    return { kind: 'bg-nbd', params, penalty, note: `${baseName(penalty)}, chosen by validation` };
  } catch (err) {
    if (!(err instanceof ModelFitError)) throw err;
    return fitPurchaseModel(summary);
  }
}
