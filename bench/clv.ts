/**
 * `npm run bench -- clv`: the validated purchase forecast on real data. For each dataset and split the
 * forecast is chosen on the calibration window alone and scored on the holdout beside the naive rate,
 * plain BG/NBD and the bound-guarded BG/NBD (the default before validation); the spend forecast likewise
 * beside each customer's own mean order value and plain Gamma-Gamma. Skips absent datasets.
 */
import type { PurchaseLike } from '../src/customers/clv/customer-summary.js';
import { CDNOW_CALIBRATION_END, readCdnowMaster } from '../src/customers/data/cdnow.js';
import { readOnlineRetail } from '../src/customers/data/online-retail.js';
import { evaluateForecastHoldout } from '../src/customers/evaluate/forecast-holdout.js';
import { evaluateSpendHoldout } from '../src/customers/evaluate/spend-holdout.js';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { writeReport, type BenchRow } from './report.js';

/** France: calibration from December 2010 to each month end, holdout to the last day of the log. */
export const FRANCE_SPLITS = [
  Date.UTC(2011, 2, 31),
  Date.UTC(2011, 3, 30),
  Date.UTC(2011, 4, 31),
  Date.UTC(2011, 5, 30),
  Date.UTC(2011, 6, 31),
  Date.UTC(2011, 7, 31),
  Date.UTC(2011, 8, 30),
];
const FRANCE_END = Date.UTC(2011, 11, 9);
/** CDNOW: the published 39-week calibration, and a shorter and a longer one, all scored to 1998-06-30. */
const CDNOW_SPLITS = [Date.UTC(1997, 5, 30), CDNOW_CALIBRATION_END, Date.UTC(1997, 11, 31)];
const CDNOW_END = Date.UTC(1998, 5, 30);

const round = (v: number): number => Number(v.toPrecision(4));
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

function row(dataset: string, tx: PurchaseLike[], split: number, end: number, unitDays: number): BenchRow {
  const started = performance.now();
  const r = evaluateForecastHoldout(tx, split, end, unitDays);
  const seconds = (performance.now() - started) / 1000;
  return {
    dataset,
    'fit to': day(split),
    'days checked': r.holdoutDays,
    customers: r.customers,
    repeaters: r.repeaters,
    chosen: r.choice.chosen,
    'MAE chosen': round(r.mae.chosen),
    'MAE naive': round(r.mae.naive),
    'MAE BG/NBD': round(r.mae.maximumLikelihood),
    'MAE guarded': round(r.mae.guarded),
    'chosen / naive': round(r.mae.chosen / r.mae.naive),
    'BG/NBD / naive': round(r.mae.maximumLikelihood / r.mae.naive),
    'actual / chosen total': `${r.totalActual} / ${Math.round(r.totalChosen)}`,
    seconds: round(seconds),
  };
}

function spendRow(dataset: string, tx: PurchaseLike[], split: number, end: number, unitDays: number): BenchRow {
  const r = evaluateSpendHoldout(tx, split, end, unitDays);
  return {
    dataset,
    'fit to': day(split),
    'customers buying after': r.customers,
    chosen: r.choice.chosen,
    'MAE chosen': round(r.mae.chosen),
    'MAE own mean': round(r.mae.ownMean),
    'MAE Gamma-Gamma': round(r.mae.gammaGamma),
    'chosen / own mean': round(r.mae.chosen / r.mae.ownMean),
    'Gamma-Gamma / own mean': round(r.mae.gammaGamma / r.mae.ownMean),
  };
}

/** Runs every split of every dataset present. */
export default async function clv(): Promise<void> {
  const rows: BenchRow[] = [];
  const spend: BenchRow[] = [];
  const france = datasetPath('online-retail-france', 'online_retail_france.csv');
  if (france) {
    const tx = await readOnlineRetail(france);
    for (const split of FRANCE_SPLITS) {
      rows.push(row('France (days)', tx, split, FRANCE_END, 1));
      spend.push(spendRow('France (days)', tx, split, FRANCE_END, 1));
    }
  } else console.warn(missingDatasetMessage('online-retail-france', 'online_retail_france.csv'));
  const cdnow = datasetPath('cdnow', 'CDNOW_master.txt');
  if (cdnow) {
    const tx = await readCdnowMaster(cdnow);
    for (const split of CDNOW_SPLITS) {
      rows.push(row('CDNOW (weeks)', tx, split, CDNOW_END, 7));
      spend.push(spendRow('CDNOW (weeks)', tx, split, CDNOW_END, 7));
    }
  } else console.warn(missingDatasetMessage('cdnow', 'CDNOW_master.txt'));
  // Without the datasets there is nothing to report; keep earlier results rather than overwrite them.
  if (rows.length > 0) {
    writeReport('clv', rows, {
      note: 'MAE of expected purchases per customer on the holdout; the forecast is chosen on the calibration window alone',
    });
    writeReport('clv-spend', spend, {
      note: 'MAE of the expected order value over customers who bought in the holdout (their mean order value there)',
    });
  }
}
