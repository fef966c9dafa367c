/** The typed error thrown when data cannot support a model fit. */

/** Thrown when a model cannot be fitted (too few customers, no repeat buyers, a diverging likelihood). */
export class ModelFitError extends Error {
  override readonly name = 'ModelFitError';
  /** Which model failed, e.g. `bg-nbd` or `gamma-gamma`. */
  readonly model: string;

  constructor(model: string, message: string) {
    super(`${model}: ${message}`);
    this.model = model;
  }
}
