/** Which methods compete for a series, by its length, season and how intermittent its demand is. */
import { ArimaModel } from './models/arima.js';
import { DeseasonalisedModel } from './models/deseasonalised-model.js';
import { EtsModel } from './models/ets.js';
import { IntermittentModel } from './models/intermittent.js';
import type { ForecastModel } from './models/model.js';
import { NaiveModel, SeasonalNaiveModel, WindowMeanModel } from './models/simple-models.js';
import { ThetaModel } from './models/theta.js';

/** Share of periods without demand above which a series counts as intermittent (ADI > 1.32). */
export const INTERMITTENT_ZERO_SHARE = 0.25;

const naive = new NaiveModel();
const seasonalNaive = new SeasonalNaiveModel();
const ses = new DeseasonalisedModel(new EtsModel('N', 'N'));
const damped = new DeseasonalisedModel(new EtsModel('Ad', 'N'));
const theta = new DeseasonalisedModel(new ThetaModel());
const arima = new DeseasonalisedModel(new ArimaModel());
const mean = new WindowMeanModel(0);
const seasonalEts = [new EtsModel('N', 'A'), new EtsModel('Ad', 'A'), new EtsModel('N', 'M'), new EtsModel('Ad', 'M')];
const intermittent = [new IntermittentModel('croston'), new IntermittentModel('sba'), new IntermittentModel('tsb')];

const windowMeans = new Map<number, WindowMeanModel>();
function windowMean(k: number): WindowMeanModel {
  let model = windowMeans.get(k);
  if (!model) windowMeans.set(k, (model = new WindowMeanModel(k)));
  return model;
}

/** Every method by name (for tests, the CLI's --model and reports). */
export const ALL_MODELS: readonly ForecastModel[] = [
  naive,
  seasonalNaive,
  mean,
  ses,
  damped,
  theta,
  arima,
  ...seasonalEts,
  ...intermittent,
];

/** Share of zero values in `y`. */
export function zeroShare(y: Float64Array): number {
  let zeros = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 0) zeros++;
  return y.length > 0 ? zeros / y.length : 0;
}

/** The methods worth trying on `y` with season length `m`. */
export function candidatesFor(y: Float64Array, m: number): ForecastModel[] {
  const n = y.length;
  const list: ForecastModel[] = [];
  // Means over a quarter and a half of a season: slow levels that noisy retail series are often best served by.
  const windows = m >= 8 ? [windowMean(Math.round(m / 4)), windowMean(Math.round(m / 2))] : [];
  if (zeroShare(y) >= INTERMITTENT_ZERO_SHARE) list.push(...intermittent, mean, ses, ...windows);
  else {
    list.push(naive, ses, damped, theta, arima, mean, ...windows);
    if (m > 1 && n >= m + 1) list.push(seasonalNaive);
    if (m > 1 && n >= 3 * m) list.push(...seasonalEts);
  }
  return list.filter((model) => n >= model.minLength(m));
}
