/** Customer lifetime value: a purchase model plus a spend model, fitted on a summary and applied per customer. */
import { DAY_MS } from '../types.js';
import { choosePurchaseModel, type PurchaseChoiceOptions } from './choose-purchase-model.js';
import type { CustomerSummary, PurchaseLike } from './customer-summary.js';
import {
  chooseSpendModel,
  choiceExpectedSpend,
  type SpendChoice,
  type SpendChoiceOptions,
} from './choose-spend-model.js';
import { fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import { ModelFitError } from './model-fit-error.js';
import { choiceExpectedPurchases, type PurchaseChoice } from './purchase-choice.js';
import {
  fitPurchaseModel,
  medianTimeToNextPurchase,
  probabilityAlive,
  probabilityNoPurchase,
  type PurchaseModel,
} from './purchase-model.js';

/** A fitted CLV model; `spend` is null when Gamma-Gamma could not be fitted or was not chosen (own mean spend is used). */
export interface ClvModel {
  /** The fitted purchase model: P(alive), churn risk and next order dates, and its share of expected purchases. */
  purchases: PurchaseModel;
  /** How expected purchases are forecast (the model, the naive rate or a blend) and why. */
  choice: PurchaseChoice;
  spend: GammaGammaParams | null;
  /** How expected order values are forecast (Gamma-Gamma, the own mean or a blend) and why. */
  spendChoice: SpendChoice;
  /** The spend choice in one line. */
  spendNote: string;
  /** Time unit of the summary the model was fitted on, in days. */
  unitDays: number;
}

/** Options for {@link fitClvModel}. */
export interface ClvFitOptions extends PurchaseChoiceOptions, SpendChoiceOptions {
  /**
   * The purchases the summary was built from. With them the purchase forecast is chosen by validation
   * inside the calibration window; without them the bound-guarded BG/NBD is used unvalidated.
   */
  purchases?: readonly PurchaseLike[];
}

/** Fits both parts; only a failing purchase model throws {@link ModelFitError}. */
export function fitClvModel(summary: CustomerSummary, options: ClvFitOptions = {}): ClvModel {
  let choice: PurchaseChoice;
  if (options.purchases) choice = choosePurchaseModel(options.purchases, summary, options);
  else {
    const model = fitPurchaseModel(summary);
    const reason = 'not validated: fitted from a summary without its transactions';
    choice = { model, naiveWeight: 0, chosen: model.kind, reason, validation: null };
  }
  const purchases = choice.model;
  let spendChoice: SpendChoice;
  if (options.purchases) spendChoice = chooseSpendModel(options.purchases, summary, options);
  else {
    try {
      const params = fitGammaGamma(summary.frequency, summary.monetary).params;
      spendChoice = {
        params,
        modelWeight: 1,
        chosen: 'Gamma-Gamma',
        reason: 'maximum likelihood, not validated',
        validation: null,
      };
    } catch (err) {
      if (!(err instanceof ModelFitError)) throw err;
      spendChoice = {
        params: null,
        modelWeight: 0,
        chosen: 'own mean order value',
        reason: err.message,
        validation: null,
      };
    }
  }
  const spendNote = `${spendChoice.chosen} (${spendChoice.reason})`;
  return { purchases, choice, spend: spendChoice.params, spendChoice, spendNote, unitDays: summary.unitDays };
}

/** Options for {@link predictClv}. */
export interface ClvPredictOptions {
  /** Horizon in days after the end of the summary. */
  horizonDays: number;
  /** Monthly discount rate (0.01 = 1 % a month); months are 30 days. Default 0. */
  monthlyDiscount?: number;
}

/** Per-customer predictions in columnar form (index i is customer `ids[i]`). */
export interface ClvPredictions {
  ids: string[];
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** Expected mean order value. */
  expectedSpend: Float64Array;
  /** Expected (discounted) revenue over the horizon. */
  clv: Float64Array;
  /** P(no purchase within the horizon). */
  churnRisk: Float64Array;
  /** Epoch ms of the median next order if the customer is still active; NaN when P(alive) < 0.5. */
  nextOrderTime: Float64Array;
}

/** Applies a fitted model to every customer of a summary. */
export function predictClv(model: ClvModel, summary: CustomerSummary, options: ClvPredictOptions): ClvPredictions {
  const n = summary.ids.length;
  const unit = summary.unitDays;
  const out: ClvPredictions = {
    ids: summary.ids,
    pAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedSpend: new Float64Array(n),
    clv: new Float64Array(n),
    churnRisk: new Float64Array(n),
    nextOrderTime: new Float64Array(n),
  };
  const horizon = options.horizonDays / unit;
  const discount = options.monthlyDiscount ?? 0;
  const months = Math.ceil(options.horizonDays / 30);
  const m = model.purchases;
  for (let i = 0; i < n; i++) {
    const x = summary.frequency[i]!;
    const tx = summary.recency[i]!;
    const T = summary.T[i]!;
    const alive = probabilityAlive(m, x, tx, T);
    const count = choiceExpectedPurchases(model.choice, x, tx, T, horizon);
    const spend = choiceExpectedSpend(model.spendChoice, x, summary.monetary[i]!, summary.firstValue[i]!);
    let value = count * spend;
    if (discount > 0) {
      // Discount each month's expected purchases, as lifetimes' customer_lifetime_value does.
      value = 0;
      let previous = 0;
      for (let k = 1; k <= months; k++) {
        const cumulative = choiceExpectedPurchases(
          model.choice,
          x,
          tx,
          T,
          Math.min(k * 30, options.horizonDays) / unit,
        );
        value += ((cumulative - previous) * spend) / Math.pow(1 + discount, k);
        previous = cumulative;
      }
    }
    out.pAlive[i] = alive;
    out.expectedPurchases[i] = count;
    out.expectedSpend[i] = spend;
    out.clv[i] = value;
    out.churnRisk[i] = probabilityNoPurchase(m, x, tx, T, horizon);
    out.nextOrderTime[i] = alive >= 0.5 ? summary.end + medianTimeToNextPurchase(m, x, T) * unit * DAY_MS : Number.NaN;
  }
  return out;
}
