import { describe, expect, it } from 'vitest';
import { addIsoDuration, isIsoDuration, isoDurationMs, nextTimeOfDay, quietUntil, validZone } from './time.js';

const T = Date.UTC(2026, 2, 10, 12, 0, 0); // 2026-03-10 12:00 UTC = 20:00 in Shanghai

describe('journey time', () => {
  it('parses ISO 8601 durations', () => {
    expect(isIsoDuration('PT5S')).toBe(true);
    expect(isIsoDuration('P3D')).toBe(true);
    expect(isIsoDuration('5 seconds')).toBe(false);
    expect(isIsoDuration('PT0S')).toBe(false);
    expect(isoDurationMs('PT1H30M')).toBe(5_400_000);
    expect(addIsoDuration(T, 'PT5S')).toBe(T + 5000);
  });

  it('adds months in calendar terms', () => {
    expect(new Date(addIsoDuration(Date.UTC(2026, 0, 31), 'P1M')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(new Date(addIsoDuration(Date.UTC(2024, 1, 29), 'P1Y2W')).toISOString()).toBe('2025-03-14T00:00:00.000Z');
  });

  it('adds days as 24 hours in UTC and as calendar days across a change of clocks elsewhere', () => {
    expect(addIsoDuration(T, 'P1DT2H')).toBe(T + 26 * 3_600_000);
    expect(addIsoDuration(T, 'P2W', 'UTC')).toBe(T + 14 * 86_400_000);
    // 2026-03-08 is the spring change in New York: a day from the 7th at noon is 23 hours later.
    const noon = Date.UTC(2026, 2, 7, 17);
    expect(addIsoDuration(noon, 'P1D', 'America/New_York')).toBe(noon + 23 * 3_600_000);
  });

  it('finds the next time of day in the customer zone', () => {
    // 09:00 in Shanghai after 20:00 local is tomorrow 01:00 UTC.
    expect(new Date(nextTimeOfDay(T, '09:00', 'Asia/Shanghai')).toISOString()).toBe('2026-03-11T01:00:00.000Z');
    expect(new Date(nextTimeOfDay(T, '21:00', 'Asia/Shanghai')).toISOString()).toBe('2026-03-10T13:00:00.000Z');
  });

  it('defers inside quiet hours that span midnight, by the customer zone', () => {
    const window = { start: '21:00', end: '08:00' };
    expect(quietUntil(T, window, 'Asia/Shanghai')).toBeNull(); // 20:00 local
    const late = T + 2 * 3_600_000; // 22:00 local
    expect(new Date(quietUntil(late, window, 'Asia/Shanghai')!).toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(quietUntil(late, window, 'Europe/London')).toBeNull(); // 14:00 in London
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(validZone('Mars/Olympus')).toBe('UTC');
    expect(validZone('Asia/Shanghai')).toBe('Asia/Shanghai');
  });
});
