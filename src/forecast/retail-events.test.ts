import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../domain/index.js';
import { forecastHistory } from './forecast-history.js';
import { eventsByPeriod, learnEventEffects, retailCalendar } from './retail-events.js';

describe('retail events', () => {
  it('knows the dates of the calendar', () => {
    const names = (ms: number) => eventsByPeriod([ms], 'day', retailCalendar(2024, 2024))[0];
    expect(names(Date.UTC(2024, 10, 11))).toEqual(['双十一']);
    expect(names(Date.UTC(2024, 10, 29))).toEqual(['black-friday']);
    expect(names(Date.UTC(2024, 5, 18))).toEqual(['618']);
    expect(eventsByPeriod([Date.UTC(2024, 10, 11)], 'month', retailCalendar(2024, 2024))[0]).toEqual([]);
  });

  it('learns a multiplier from spikes, pulled toward 1 when seen rarely', () => {
    const values = Float64Array.from({ length: 9 }, (_, i) => (i === 4 ? 30 : 10));
    const events = Array.from({ length: 9 }, (_, i) => (i === 4 ? ['sale'] : []));
    const once = learnEventEffects([{ values, events }]).get('sale')!;
    const often = learnEventEffects(Array.from({ length: 20 }, () => ({ values, events }))).get('sale')!;
    expect(once.multiplier).toBeGreaterThan(1.2);
    expect(once.multiplier).toBeLessThan(often.multiplier);
    expect(often.multiplier).toBeCloseTo(3, 0);
  });

  it('lifts the forecast of a week holding a promotion the history saw before', async () => {
    const start = Date.UTC(2024, 0, 1);
    const promotions = [0, 1, 2, 3].map((k) => ({
      name: 'spring-sale',
      start: start + (10 + k * 12) * 7 * DAY_MS,
      end: start + (10 + k * 12) * 7 * DAY_MS + 2 * DAY_MS,
    }));
    promotions.push({ name: 'spring-sale', start: start + 62 * 7 * DAY_MS, end: start + 62 * 7 * DAY_MS + DAY_MS });
    const series = Array.from({ length: 5 }, (_, s) => {
      const periods = Array.from({ length: 60 }, (_, w) => ({ ms: start + w * 7 * DAY_MS, monthly: false }));
      const values = Float64Array.from(periods, (_, w) => (20 + s) * ((w - 10) % 12 === 0 && w <= 46 ? 2 : 1));
      return { id: `s${s}`, frequency: 'week' as const, periods, values };
    });
    const { forecasts, events } = await forecastHistory(series, { horizon: 4, promotions, holidays: false });
    expect(events.week?.['spring-sale']?.multiplier).toBeGreaterThan(1.5);
    const f = forecasts[0]!.mean;
    expect(f[2]! / f[0]!).toBeGreaterThan(1.5);
  });
});
