import { describe, expect, it } from 'vitest';
import { dayTraffic, festivalBoost, seasonWeight, startOfUtcDay } from './demo-time.js';

describe('demo calendar', () => {
  it('lifts Singles Day (双十一) and 618 well above an ordinary day', () => {
    expect(dayTraffic(Date.UTC(2026, 10, 11) - 8 * 3_600_000)).toBeGreaterThan(3 * dayTraffic(Date.UTC(2026, 9, 14)));
    expect(festivalBoost(6, 18)).toBeGreaterThan(2);
    expect(festivalBoost(3, 3)).toBe(1);
  });

  it('has busier weekends than midweek and seasonal demand', () => {
    // 2026-11-22 is a Sunday, 2026-11-18 a Wednesday (UTC+8).
    expect(dayTraffic(Date.UTC(2026, 10, 21, 16))).toBeGreaterThan(dayTraffic(Date.UTC(2026, 10, 17, 16)));
    expect(seasonWeight('summer', Date.UTC(2026, 6, 1))).toBeGreaterThan(seasonWeight('summer', Date.UTC(2026, 0, 1)));
    expect(seasonWeight('winter', Date.UTC(2026, 0, 1))).toBeGreaterThan(seasonWeight('winter', Date.UTC(2026, 6, 1)));
  });

  it('rounds to the start of the UTC day', () => {
    expect(startOfUtcDay(Date.UTC(2026, 10, 23, 4, 30))).toBe(Date.UTC(2026, 10, 23));
  });
});
