import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { fitPurchaseModel, isSaneBgNbd } from '../clv/purchase-model.js';
import { CDNOW_CALIBRATION_END, readCdnowMaster } from '../data/cdnow.js';
import { readOnlineRetail } from '../data/online-retail.js';
import { evaluateChurnHoldout } from './churn-holdout.js';
import { holdoutSplit } from './holdout-split.js';
import { evaluatePurchaseHoldout } from './purchase-holdout.js';

const cdnow = datasetPath('cdnow', 'CDNOW_master.txt');
const france = datasetPath('online-retail-france', 'online_retail_france.csv');
if (!cdnow) console.warn(missingDatasetMessage('cdnow', 'CDNOW_master.txt'));
if (!france) console.warn(missingDatasetMessage('online-retail-france', 'online_retail_france.csv'));

/** The France split: calibrate on Dec 2010 – Jun 2011, hold out Jul – 9 Dec 2011. */
const FRANCE_SPLIT = Date.UTC(2011, 5, 30);
const FRANCE_END = Date.UTC(2011, 11, 9);

// Read once at load time (the readers stream the files through the dataset adapters, so they are async).
const cdnowTx = cdnow ? await readCdnowMaster(cdnow) : [];
const franceTx = france ? await readOnlineRetail(france) : [];

describe.skipIf(!cdnow)('holdout on CDNOW (39 + 39 weeks)', () => {
  const tx = cdnowTx;

  it('BG/NBD beats the naive repeat-rate baseline clearly', () => {
    const split = holdoutSplit(tx, CDNOW_CALIBRATION_END, Date.UTC(1998, 5, 30), 7);
    expect(split.calibration.ids).toHaveLength(23570);
    const model = fitPurchaseModel(split.calibration);
    expect(model.kind).toBe('bg-nbd');
    const r = evaluatePurchaseHoldout(split, model);
    expect(r.mae).toBeLessThan(0.85 * r.baselineMae);
  });

  it('churn risk ranks 90-day churners better than recency alone', () => {
    const r = evaluateChurnHoldout(tx, CDNOW_CALIBRATION_END, 90);
    expect(r.auc).toBeGreaterThan(r.recencyAuc + 0.005);
  });
});

describe.skipIf(!france)('holdout on Online Retail France', () => {
  const tx = franceTx;

  it('stays sane on a small slice and is within 10% of the baseline', () => {
    const split = holdoutSplit(tx, FRANCE_SPLIT, FRANCE_END, 1);
    const model = fitPurchaseModel(split.calibration);
    if (model.kind === 'bg-nbd') {
      let meanT = 0;
      for (const T of split.calibration.T) meanT += T / split.calibration.T.length;
      expect(isSaneBgNbd(model.params, meanT, 1e3)).toBe(true);
    }
    const r = evaluatePurchaseHoldout(split, model);
    expect(r.mae).toBeLessThanOrEqual(1.1 * r.baselineMae);
    for (const p of r.predicted) expect(p).toBeLessThan(50);
  });

  it('churn risk beats recency on 90-day churn', () => {
    const r = evaluateChurnHoldout(tx, FRANCE_SPLIT, 90);
    expect(r.customers).toBeGreaterThan(50);
    expect(r.auc).toBeGreaterThan(r.recencyAuc);
  });
});
