import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../types.js';
import { summariseTransactions } from './customer-summary.js';

const day = (d: number, hour = 0): number => Date.UTC(2024, 0, 1) + d * DAY_MS + hour * 3_600_000;

describe('summariseTransactions', () => {
  it('counts repeat days, aggregates same-day orders and excludes the first day from monetary', () => {
    const s = summariseTransactions(
      [
        { customerId: 'a', time: day(0), amount: 10 },
        { customerId: 'a', time: day(0, 5), amount: 5 },
        { customerId: 'a', time: day(7, 2), amount: 20 },
        { customerId: 'a', time: day(7, 9), amount: 10 },
        { customerId: 'a', time: day(14), amount: 40 },
        { customerId: 'b', time: day(20), amount: 8 },
        { customerId: 'a', time: day(30), amount: 99 },
      ],
      { end: day(21), unitDays: 7 },
    );
    expect(s.ids).toEqual(['a', 'b']);
    expect(Array.from(s.frequency)).toEqual([2, 0]);
    expect(Array.from(s.recency)).toEqual([2, 0]);
    expect(s.T[0]).toBeCloseTo(3);
    expect(s.T[1]).toBeCloseTo(1 / 7);
    expect(Array.from(s.monetary)).toEqual([35, 0]);
    expect(Array.from(s.firstValue)).toEqual([15, 8]);
  });

  it('is independent of input order', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ customerId: `c${i % 5}`, time: day(i * 3), amount: i }));
    const a = summariseTransactions(rows);
    const b = summariseTransactions([...rows].reverse());
    const byId = (s: typeof a, id: string) => s.ids.indexOf(id);
    for (const id of a.ids) {
      expect(b.frequency[byId(b, id)]).toBe(a.frequency[byId(a, id)]);
      expect(b.monetary[byId(b, id)]).toBe(a.monetary[byId(a, id)]);
    }
  });
});
