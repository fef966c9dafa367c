import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/index.js';
import { seriesFromRows } from './history.js';
import {
  bucketPeriod,
  bucketsBetween,
  bucketStart,
  inferFrequency,
  iso,
  nextPeriods,
  parsePeriod,
  periodDays,
  type Period,
} from './periods.js';

const p = (text: string): Period => parsePeriod(text)!;

describe('periods', () => {
  it('parses days and months and rejects dates that do not exist', () => {
    expect(parsePeriod('2024-02-29')).toEqual({ ms: Date.UTC(2024, 1, 29), monthly: false });
    expect(parsePeriod('2024-02')).toEqual({ ms: Date.UTC(2024, 1, 1), monthly: true });
    expect(parsePeriod('2023-02-29')).toBeUndefined();
    expect(parsePeriod('24-02-01')).toBeUndefined();
  });

  it('infers the frequency from the spacing', () => {
    expect(inferFrequency(['2024-01-01', '2024-01-02', '2024-01-03'].map(p))).toBe('day');
    expect(inferFrequency(['2024-01-01', '2024-01-08'].map(p))).toBe('week');
    expect(inferFrequency(['2024-01', '2024-02', '2024-03'].map(p))).toBe('month');
    expect(inferFrequency(['2024-01-31', '2024-04-30'].map(p))).toMatchObject({ error: expect.any(String) });
    expect(inferFrequency(['2024-01', '2024-04', '2024-07'].map(p))).toBe('quarter');
    expect(inferFrequency(['2024-01-01', '2024-01-02', '2024-01-04'].map(p))).toEqual({
      error: 'periods are not equally spaced: 2024-01-02 is followed by 2024-01-04',
    });
  });

  it('continues periods in the form they were written', () => {
    expect(nextPeriods(p('2024-11'), 'month', 3).map(iso)).toEqual(['2024-12', '2025-01', '2025-02']);
    expect(nextPeriods(p('2024-12-30'), 'week', 2).map(iso)).toEqual(['2025-01-06', '2025-01-13']);
  });
});

describe('history rows', () => {
  it('groups and sorts rows into series', () => {
    const series = seriesFromRows([
      { seriesId: 'b', period: '2024-02', value: '2' },
      { seriesId: 'a', period: '2024-01-08', value: 5 },
      { seriesId: 'b', period: '2024-01', value: '1' },
      { seriesId: 'a', period: '2024-01-01', value: '4' },
    ]);
    expect(series.map((s) => [s.id, s.frequency, Array.from(s.values)])).toEqual([
      ['b', 'month', [1, 2]],
      ['a', 'week', [4, 5]],
    ]);
  });

  it('reports bad values, duplicates and empty input', () => {
    const bad = () => seriesFromRows([{ seriesId: 'a', period: '2024-01', value: 'x', line: 2 }]);
    expect(bad).toThrow(ValidationError);
    expect(bad).toThrow('"x" is not a number');
    expect(() =>
      seriesFromRows([
        { seriesId: 'a', period: '2024-01', value: 1 },
        { seriesId: 'a', period: '2024-01', value: 2 },
      ]),
    ).toThrow('twice');
    expect(() => seriesFromRows([])).toThrow('has no rows');
  });
});

describe('sales buckets', () => {
  it('start days, ISO weeks on Monday and calendar months, and count whole buckets between them', () => {
    const at = Date.UTC(2026, 5, 3, 15, 30); // a Wednesday
    expect(new Date(bucketStart(at, 'day')).toISOString()).toBe('2026-06-03T00:00:00.000Z');
    expect(new Date(bucketStart(at, 'week')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(new Date(bucketStart(at, 'month')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    const jan = bucketStart(Date.UTC(2025, 0, 20), 'month');
    expect(bucketsBetween(jan, bucketStart(at, 'month'), 'month')).toBe(17);
    expect(iso(bucketPeriod(jan, 17, 'month'))).toBe('2026-06');
    expect(iso(bucketPeriod(bucketStart(at, 'week'), 1, 'week'))).toBe('2026-06-08');
    expect(periodDays('month')).toBeCloseTo(30.44, 2);
  });
});
