import { describe, expect, it, vi } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../datasets/location.js';
import { readCdnowSummary } from '../data/cdnow.js';
import { bgNbdExpectedPurchases, bgNbdProbabilityAlive, bgNbdProbabilityNoPurchase, fitBgNbd } from './bg-nbd.js';
import { ModelFitError } from './model-fit-error.js';

const summaryPath = datasetPath('cdnow', 'cdnow_customers_summary.csv');
if (!summaryPath) console.warn(missingDatasetMessage('cdnow', 'cdnow_customers_summary.csv'));

describe.skipIf(!summaryPath)('BG/NBD on the CDNOW summary', () => {
  it('reproduces Fader, Hardie & Lee (2005) within 1%', () => {
    const rows = readCdnowSummary(summaryPath!);
    expect(rows).toHaveLength(2357);
    const fit = fitBgNbd({
      frequency: rows.map((r) => r.frequency),
      recency: rows.map((r) => r.recency),
      T: rows.map((r) => r.T),
    });
    const published = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
    for (const [k, v] of Object.entries(published)) {
      expect(Math.abs(fit.params[k as keyof typeof published] / v - 1), k).toBeLessThan(0.01);
    }
  });
});

describe('BG/NBD predictions', () => {
  const p = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };

  it('P(alive) is 1 without repeats and falls as the customer goes quiet', () => {
    expect(bgNbdProbabilityAlive(p, 0, 0, 30)).toBe(1);
    const recent = bgNbdProbabilityAlive(p, 4, 30, 31);
    const quiet = bgNbdProbabilityAlive(p, 4, 5, 31);
    expect(recent).toBeGreaterThan(quiet);
    expect(quiet).toBeGreaterThan(0);
  });

  it('expected purchases grow with the horizon and match the small-t rate', () => {
    const t = 1e-4;
    const rate = (bgNbdProbabilityAlive(p, 3, 20, 30) * (p.r + 3)) / (p.alpha + 30);
    expect(bgNbdExpectedPurchases(p, 3, 20, 30, t) / t).toBeCloseTo(rate, 6);
    const values = [1, 10, 39, 100, 1000].map((h) => bgNbdExpectedPurchases(p, 3, 20, 30, h));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]!);
    expect(bgNbdExpectedPurchases(p, 0, 0, 38.86, 39)).toBeGreaterThan(0);
  });

  it('matches reference values computed with mpmath, including a large frequency', () => {
    expect(bgNbdExpectedPurchases(p, 2, 30.43, 38.86, 39)).toBeCloseTo(1.22591119989923, 9);
    expect(bgNbdExpectedPurchases(p, 0, 0, 38.86, 39)).toBeCloseTo(0.194786550387153, 9);
    expect(bgNbdExpectedPurchases(p, 400, 38.99, 39, 52) / 342.00553670943).toBeCloseTo(1, 9);
  });

  it('P(no purchase) lies between 1 − P(alive) and 1', () => {
    const alive = bgNbdProbabilityAlive(p, 2, 10, 38);
    const none = bgNbdProbabilityNoPurchase(p, 2, 10, 38, 39);
    expect(none).toBeGreaterThan(1 - alive);
    expect(none).toBeLessThan(1);
  });
});

describe('BG/NBD fit errors', () => {
  it('refuses too few customers and data without repeaters', () => {
    expect(() => fitBgNbd({ frequency: [1, 0], recency: [3, 0], T: [5, 5] })).toThrow(ModelFitError);
    const zeros = Array.from({ length: 50 }, () => 0);
    const fn = vi.fn(() => fitBgNbd({ frequency: zeros, recency: zeros, T: zeros.map(() => 10) }));
    expect(fn).toThrow(/no repeat purchases/);
  });

  it('names the invalid customer', () => {
    const f = Array.from({ length: 20 }, () => 1);
    const T = f.map(() => 10);
    const r = f.map(() => 5);
    r[7] = 11;
    expect(() => fitBgNbd({ frequency: f, recency: r, T })).toThrow(/customer 7/);
  });
});
