import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { CDNOW_CALIBRATION_END, readCdnowMaster } from '../data/cdnow.js';
import { readOnlineRetail } from '../data/online-retail.js';
import { evaluateSpendHoldout } from './spend-holdout.js';

const cdnow = datasetPath('cdnow', 'CDNOW_master.txt');
const france = datasetPath('online-retail-france', 'online_retail_france.csv');
if (!cdnow) console.warn(missingDatasetMessage('cdnow', 'CDNOW_master.txt'));
if (!france) console.warn(missingDatasetMessage('online-retail-france', 'online_retail_france.csv'));
const cdnowTx = cdnow ? await readCdnowMaster(cdnow) : [];
const franceTx = france ? await readOnlineRetail(france) : [];

describe.skipIf(!france)('validated spend forecast on Online Retail France (days)', () => {
  it('is never worse than plain Gamma-Gamma and within 6 % of the own mean, at every month end from March to September 2011', () => {
    for (const m of [2, 3, 4, 5, 6, 7, 8]) {
      const split = Date.UTC(2011, m + 1, 0);
      const r = evaluateSpendHoldout(franceTx, split, Date.UTC(2011, 11, 9));
      expect(r.customers).toBeGreaterThan(25);
      expect(r.mae.chosen).toBeLessThanOrEqual(r.mae.gammaGamma + 1e-9);
      expect(r.mae.chosen).toBeLessThanOrEqual(1.06 * r.mae.ownMean);
    }
  });
});

describe.skipIf(!cdnow)('validated spend forecast on CDNOW (39 + 39 weeks)', () => {
  it('beats both the own mean and plain Gamma-Gamma by at least 5 %', () => {
    const r = evaluateSpendHoldout(cdnowTx, CDNOW_CALIBRATION_END, Date.UTC(1998, 5, 30), 7);
    expect(r.choice.modelWeight).toBeGreaterThan(0);
    expect(r.mae.chosen).toBeLessThanOrEqual(0.95 * r.mae.ownMean);
    expect(r.mae.chosen).toBeLessThanOrEqual(0.95 * r.mae.gammaGamma);
  });
});
