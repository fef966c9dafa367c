/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) in the form Hyndman & Billah showed equivalent to
 * simple exponential smoothing with drift equal to half the slope of a straight-line fit. Seasonal data is
 * meant to reach it deseasonalised (see deseasonalised-model.ts), as in the M3 and M4 benchmarks.
 */
import { fitEts } from './ets.js';
import type { FittedModel, ForecastModel } from './model.js';

/** Theta with θ = 2. */
export class ThetaModel implements ForecastModel {
  readonly name = 'theta';
  /** A slope needs a few points. */
  minLength(): number {
    return 4;
  }

  /** SES on the series plus half the least-squares slope, drifting in from the SES level. */
  fit(y: Float64Array): FittedModel {
    const n = y.length;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      sx += i;
      sy += y[i]!;
      sxx += i * i;
      sxy += i * y[i]!;
    }
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const ses = fitEts(y, 1, 'N', 'N');
    const alpha = ses.params.alpha;
    const tail = (1 - Math.pow(1 - alpha, n)) / alpha;
    return {
      sigma: ses.sigma,
      forecast(h) {
        const out = ses.forecast(h);
        for (let k = 1; k <= h; k++) out[k - 1] = out[k - 1]! + (slope / 2) * (k - 1 + tail);
        return out;
      },
      varianceFactor: (step) => ses.varianceFactor(step),
    };
  }
}
