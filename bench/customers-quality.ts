/**
 * Customer analytics quality on real data: the published CDNOW fits, calibration/holdout purchase
 * predictions against the naive repeat-rate baseline, and churn AUC against recency alone.
 */
import { fitBgNbd } from '../src/customers/clv/bg-nbd.js';
import { summariseTransactions, type PurchaseLike } from '../src/customers/clv/customer-summary.js';
import { fitGammaGamma } from '../src/customers/clv/gamma-gamma.js';
import { fitPurchaseModel } from '../src/customers/clv/purchase-model.js';
import { CDNOW_CALIBRATION_END, readCdnowMaster, readCdnowSummary } from '../src/customers/data/cdnow.js';
import { alignCdnowSample } from '../src/customers/data/cdnow-sample-alignment.js';
import { readOnlineRetail } from '../src/customers/data/online-retail.js';
import { evaluateChurnHoldout } from '../src/customers/evaluate/churn-holdout.js';
import { holdoutSplit } from '../src/customers/evaluate/holdout-split.js';
import { evaluatePurchaseHoldout } from '../src/customers/evaluate/purchase-holdout.js';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { writeReport, type BenchRow } from './report.js';

const round = (v: number): number => Number(v.toPrecision(4));

async function published(summaryPath: string, masterPath: string): Promise<BenchRow[]> {
  const rows = readCdnowSummary(summaryPath);
  const bg = fitBgNbd({
    frequency: rows.map((r) => r.frequency),
    recency: rows.map((r) => r.recency),
    T: rows.map((r) => r.T),
  }).params;
  const master = summariseTransactions(await readCdnowMaster(masterPath), { end: CDNOW_CALIBRATION_END, unitDays: 7 });
  const match = alignCdnowSample(rows, master);
  const x: number[] = [];
  const m: number[] = [];
  rows.forEach((row, i) => {
    if (row.frequency > 0 && match[i]! >= 0) {
      x.push(master.frequency[match[i]!]!);
      m.push(master.monetary[match[i]!]!);
    }
  });
  const gg = fitGammaGamma(x, m).params;
  const ref = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258, p: 6.25, q: 3.74, v: 15.45 };
  const ours: Record<string, number> = { ...bg, ...gg };
  return Object.entries(ref).map(([param, value]) => ({
    param,
    published: value,
    daogou: round(ours[param]!),
    'relative error %': round((100 * Math.abs(ours[param]! - value)) / value),
  }));
}

function holdout(name: string, tx: PurchaseLike[], split: number, end: number, unitDays: number): BenchRow {
  const s = holdoutSplit(tx, split, end, unitDays);
  const model = fitPurchaseModel(s.calibration);
  const r = evaluatePurchaseHoldout(s, model);
  let repeaters = 0;
  for (const f of s.calibration.frequency) if (f > 0) repeaters++;
  return {
    dataset: name,
    customers: r.customers,
    repeaters,
    model: model.kind + (model.penalty > 0 ? ` λ=${model.penalty}` : ''),
    params: Object.entries(model.params as unknown as Record<string, number>)
      .map(([k, v]) => `${k}=${round(v)}`)
      .join(' '),
    'MAE model': round(r.mae),
    'MAE baseline': round(r.baselineMae),
    'model / baseline': round(r.mae / r.baselineMae),
    'actual total': r.totalActual,
    'predicted total': round(r.totalPredicted),
  };
}

/** Runs the quality benchmark (skips datasets that are absent). */
export default async function quality(): Promise<void> {
  const summaryPath = datasetPath('cdnow', 'cdnow_customers_summary.csv');
  const masterPath = datasetPath('cdnow', 'CDNOW_master.txt');
  const francePath = datasetPath('online-retail-france', 'online_retail_france.csv');
  if (!summaryPath || !masterPath) console.warn(missingDatasetMessage('cdnow'));
  if (!francePath) console.warn(missingDatasetMessage('online-retail-france'));
  const clvRows: BenchRow[] = [];
  const churnRows: BenchRow[] = [];
  const churnRow = (dataset: string, tx: PurchaseLike[], split: number, unitDays: number): BenchRow => {
    const model = fitPurchaseModel(holdoutSplit(tx, split, split, unitDays).calibration);
    const r = evaluateChurnHoldout(tx, split, 90, model, unitDays);
    return {
      dataset,
      'horizon days': r.horizonDays,
      customers: r.customers,
      churned: r.churned,
      'AUC logistic': round(r.auc),
      'AUC BG/NBD': round(r.purchaseModelAuc),
      'AUC recency': round(r.recencyAuc),
    };
  };
  if (summaryPath && masterPath) {
    writeReport('customers-published', await published(summaryPath, masterPath));
    const tx = await readCdnowMaster(masterPath);
    clvRows.push(holdout('CDNOW 39 + 39 weeks (weeks)', tx, CDNOW_CALIBRATION_END, Date.UTC(1998, 5, 30), 7));
    churnRows.push(churnRow('CDNOW from 1997-09-30', tx, CDNOW_CALIBRATION_END, 7));
  }
  if (francePath) {
    const tx = await readOnlineRetail(francePath);
    const split = Date.UTC(2011, 5, 30);
    clvRows.push(holdout('France ≤ 2011-06-30 | to 2011-12-09 (days)', tx, split, Date.UTC(2011, 11, 9), 1));
    churnRows.push(churnRow('France from 2011-06-30', tx, split, 1));
  }
  // Without the datasets there is nothing to report; keep earlier results rather than overwrite them.
  if (clvRows.length > 0) writeReport('customers-holdout', clvRows);
  if (churnRows.length > 0) writeReport('customers-churn', churnRows);
}
