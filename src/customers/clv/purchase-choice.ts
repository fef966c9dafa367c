/**
 * The purchase forecast CLV uses: a fitted BG/NBD (or NBD) model, optionally blended with the naive
 * repeat rate, together with the validation that chose it.
 */
import { naiveRepeatRate } from './naive-rate.js';
import { expectedPurchases, type PurchaseModel } from './purchase-model.js';

/** One candidate's score on the validation holdouts inside the calibration window. */
export interface CandidateScore {
  candidate: string;
  /** Mean absolute error of expected purchases per customer, averaged over the holdouts; NaN if it could not be fitted. */
  mae: number;
  /** Mean per-customer change of absolute error against the naive rate, relative to the naive MAE (−0.1 = 10 % better). */
  versusNaive: number;
  /** `versusNaive` plus its standard error times the confidence factor: what selection minimises. */
  upperBound: number;
  /** Why the candidate could not be fitted, if it could not. */
  error?: string;
}

/** One inner split of the calibration window. */
export interface ValidationOrigin {
  /** Last day (YYYY-MM-DD) of the inner fitting period. */
  fitUntil: string;
  /** Days after `fitUntil` on which candidates were scored. */
  holdoutDays: number;
  /** Customers scored (first seen by `fitUntil`). */
  customers: number;
  /** Of those, customers with a repeat purchase by `fitUntil`. */
  repeaters: number;
}

/** How candidates were validated (JSON-able: it is stored and served). */
export interface PurchaseValidation {
  origins: ValidationOrigin[];
  /** Standard errors added to each candidate's mean change before comparing (1 = the one-standard-error rule). */
  confidence: number;
  scores: CandidateScore[];
}

/** The chosen forecast: `model` refitted on the whole calibration window, blended with the naive rate. */
export interface PurchaseChoice {
  model: PurchaseModel;
  /** Share of the naive repeat rate in expected purchases: 0 = the model alone, 1 = the naive rate alone. */
  naiveWeight: number;
  /** Human-readable name of the chosen candidate. */
  chosen: string;
  /** Why it was chosen (validation figures, or why validation could not run). */
  reason: string;
  /** Null when the calibration window was too small to validate in. */
  validation: PurchaseValidation | null;
}

/** Expected purchases in the next t units under the choice. */
export function choiceExpectedPurchases(c: PurchaseChoice, x: number, tx: number, T: number, t: number): number {
  const w = c.naiveWeight;
  // Skip the model when it has no weight: its closed form is the costly part.
  const model = w < 1 ? expectedPurchases(c.model, x, tx, T, t) : 0;
  return (1 - w) * model + w * naiveRepeatRate(x, T, t);
}
