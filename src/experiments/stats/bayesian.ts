/**
 * Bayesian read-out with a flat prior: the posterior of the relative uplift is approximately normal (delta
 * method), giving the chance that the treatment beats the control and the expected loss of choosing it.
 */
import { normalCdf, normalQuantile } from './special-functions.js';

/** Chance to beat control, expected loss (risk) and a credible interval for an uplift. */
export interface BayesianEffect {
  chanceToBeatControl: number;
  /** Expected uplift lost by shipping the treatment if it is in fact worse: E[max(0, −X)]. */
  risk: number;
  credibleInterval: [number, number];
}

/** Posterior summary for an uplift estimated at `estimate` with standard error `se`. */
export function bayesianEffect(estimate: number, se: number, alpha = 0.05): BayesianEffect {
  if (!(se > 0)) {
    return {
      chanceToBeatControl: estimate > 0 ? 1 : estimate < 0 ? 0 : 0.5,
      risk: Math.max(0, -estimate),
      credibleInterval: [estimate, estimate],
    };
  }
  const z = estimate / se;
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const q = normalQuantile(1 - alpha / 2);
  return {
    chanceToBeatControl: normalCdf(z),
    risk: se * density - estimate * normalCdf(-z),
    credibleInterval: [estimate - q * se, estimate + q * se],
  };
}
