import { describe, expect, it } from 'vitest';
import { inventoryStatus, normalCdf } from './inventory.js';

const weekly = { mean: [70, 70, 70, 70], sd: [14, 14, 14, 14], periodDays: 7, leadTimeDays: 14 };

describe('inventory status', () => {
  it('sets safety stock from the service level and the lead-time spread', () => {
    const s = inventoryStatus({ ...weekly, stock: 500 });
    expect(s.leadTimeDemand).toBe(140);
    expect(s.safetyStock).toBeCloseTo(1.6449 * Math.sqrt(2) * 14, 2);
    expect(s.reorderPoint).toBeCloseTo(140 + s.safetyStock, 9);
    expect(s.daysOfCover).toBeCloseTo((500 / 70) * 7, 6);
    expect(s.risk).toBe('ok');
  });

  it('flags stock below the reorder point, a likely stock-out and overstock', () => {
    expect(inventoryStatus({ ...weekly, stock: 160 }).risk).toBe('reorder');
    const low = inventoryStatus({ ...weekly, stock: 100 });
    expect(low.risk).toBe('stockout');
    expect(low.stockoutRisk).toBeGreaterThan(0.9);
    expect(low.suggestedOrder).toBeGreaterThan(140);
    expect(inventoryStatus({ ...weekly, stock: 5000 }).risk).toBe('overstock');
  });

  it('takes a higher service level as more safety stock', () => {
    const a = inventoryStatus({ ...weekly, stock: 500, serviceLevel: 0.9 });
    const b = inventoryStatus({ ...weekly, stock: 500, serviceLevel: 0.99 });
    expect(b.safetyStock).toBeGreaterThan(a.safetyStock);
  });

  it('has an exact-enough normal distribution function', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 5);
  });
});
