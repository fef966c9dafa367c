import { describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { CDNOW_CALIBRATION_END, readCdnowMaster, readCdnowSummary } from '../data/cdnow.js';
import { alignCdnowSample } from '../data/cdnow-sample-alignment.js';
import { summariseTransactions } from './customer-summary.js';
import { fitGammaGamma, gammaGammaExpectedSpend } from './gamma-gamma.js';
import { ModelFitError } from './model-fit-error.js';

const summaryPath = datasetPath('cdnow', 'cdnow_customers_summary.csv');
const masterPath = datasetPath('cdnow', 'CDNOW_master.txt');
if (!summaryPath || !masterPath) console.warn(missingDatasetMessage('cdnow'));

describe.skipIf(!summaryPath || !masterPath)('Gamma-Gamma on the CDNOW sample', () => {
  it('reproduces p = 6.25, q = 3.74, v = 15.45 within 2% on the 946 repeat customers', async () => {
    const rows = readCdnowSummary(summaryPath!);
    const master = summariseTransactions(await readCdnowMaster(masterPath!), {
      end: CDNOW_CALIBRATION_END,
      unitDays: 7,
    });
    const match = alignCdnowSample(rows, master);
    expect(match.every((k) => k >= 0)).toBe(true);
    const x: number[] = [];
    const m: number[] = [];
    rows.forEach((row, i) => {
      if (row.frequency > 0) {
        x.push(master.frequency[match[i]!]!);
        m.push(master.monetary[match[i]!]!);
      }
    });
    expect(x).toHaveLength(946);
    const fit = fitGammaGamma(x, m);
    const published = { p: 6.25, q: 3.74, v: 15.45 };
    for (const [k, v] of Object.entries(published)) {
      expect(Math.abs(fit.params[k as keyof typeof published] / v - 1), k).toBeLessThan(0.02);
    }
  });
});

describe('Gamma-Gamma', () => {
  it('shrinks a customer mean towards the population mean, less so with more purchases', () => {
    const params = { p: 6.25, q: 3.74, v: 15.45 };
    const population = gammaGammaExpectedSpend(params, 0, 0);
    const few = gammaGammaExpectedSpend(params, 1, 100);
    const many = gammaGammaExpectedSpend(params, 20, 100);
    expect(few).toBeGreaterThan(population);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(100);
  });

  it('throws ModelFitError without enough repeat customers', () => {
    expect(() => fitGammaGamma([0, 0, 1], [0, 0, 10])).toThrow(ModelFitError);
  });
});
