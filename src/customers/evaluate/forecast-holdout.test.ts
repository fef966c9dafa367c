import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { simulateBgNbd } from '../clv/simulate-bg-nbd.js';
import { DAY_MS } from '../types.js';
import { CDNOW_CALIBRATION_END, readCdnowMaster } from '../data/cdnow.js';
import { readOnlineRetail } from '../data/online-retail.js';
import { seededRandom } from '../../math/random.js';
import { fitPurchaseModel } from '../clv/purchase-model.js';
import { evaluateForecastHoldout } from './forecast-holdout.js';
import { holdoutSplit } from './holdout-split.js';
import { evaluatePurchaseHoldout } from './purchase-holdout.js';

const cdnow = datasetPath('cdnow', 'CDNOW_master.txt');
const france = datasetPath('online-retail-france', 'online_retail_france.csv');
if (!cdnow) console.warn(missingDatasetMessage('cdnow', 'CDNOW_master.txt'));
if (!france) console.warn(missingDatasetMessage('online-retail-france', 'online_retail_france.csv'));
const cdnowTx = cdnow ? await readCdnowMaster(cdnow) : [];
const franceTx = france ? await readOnlineRetail(france) : [];

describe('evaluateForecastHoldout', () => {
  it('scores the naive rate and the guarded model as the plain holdout evaluation does', () => {
    const start = Date.UTC(2024, 0, 1);
    const tx = simulateBgNbd(
      { customers: 600, params: { r: 0.8, alpha: 20, a: 0.9, b: 3 }, start, acquisitionDays: 60, days: 300 },
      seededRandom(8),
    );
    const split = start + 200 * DAY_MS;
    const end = start + 299 * DAY_MS;
    const r = evaluateForecastHoldout(tx, split, end);
    const plain = holdoutSplit(tx, split, end);
    const guarded = evaluatePurchaseHoldout(plain, fitPurchaseModel(plain.calibration));
    expect(r.customers).toBe(plain.calibration.ids.length);
    expect(r.holdoutDays).toBe(99);
    expect(r.mae.naive).toBeCloseTo(guarded.baselineMae, 12);
    expect(r.mae.guarded).toBeCloseTo(guarded.mae, 12);
    expect(r.totalActual).toBe(guarded.totalActual);
  });
});

/** Calibration from December 2010 to each month end; the holdout runs to the last day of the log. */
const FRANCE_SPLITS = [2, 3, 4, 5, 6, 7, 8].map((m) => Date.UTC(2011, m + 1, 0));
const FRANCE_END = Date.UTC(2011, 11, 9);

describe.skipIf(!france)('validated forecast on Online Retail France (days)', () => {
  it('is never worse than the naive rate, at every month end from March to September 2011', () => {
    for (const split of FRANCE_SPLITS) {
      const r = evaluateForecastHoldout(franceTx, split, FRANCE_END);
      expect(r.mae.chosen, new Date(split).toISOString()).toBeLessThanOrEqual(r.mae.naive + 1e-9);
    }
  });

  it('on the reported split (fit to 2011-06-30, 162 days checked) says what it chose and why', () => {
    const r = evaluateForecastHoldout(franceTx, Date.UTC(2011, 5, 30), FRANCE_END);
    expect(r.holdoutDays).toBe(162);
    expect(r.customers).toBe(61);
    expect(r.mae.chosen).toBeLessThanOrEqual(r.mae.naive + 1e-9);
    expect(r.choice.validation!.origins).toHaveLength(2);
    expect(r.choice.reason).toMatch(/^validated on 2 holdouts of 70 days/);
  });
});

describe.skipIf(!cdnow)('validated forecast on CDNOW (39 + 39 weeks)', () => {
  it('keeps BG/NBD and its 0.79 ratio to the naive rate', () => {
    const r = evaluateForecastHoldout(cdnowTx, CDNOW_CALIBRATION_END, Date.UTC(1998, 5, 30), 7);
    expect(r.customers).toBe(23570);
    expect(r.choice.naiveWeight).toBeLessThan(1);
    expect(r.mae.chosen / r.mae.naive).toBeLessThanOrEqual(0.79);
  });
});
