import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { clockStartingAt, configuredClock, systemClock } from './clock.js';

describe('clocks', () => {
  it('a clock started at a fixed time advances with the wall clock', () => {
    let wall = 5_000;
    const clock = clockStartingAt(Date.UTC(2026, 10, 1), () => wall);
    expect(clock()).toBe(Date.UTC(2026, 10, 1));
    wall += 1_500;
    expect(clock()).toBe(Date.UTC(2026, 10, 1) + 1_500);
  });

  it('DAOGOU_NOW sets the configured start; without it the system clock is used', () => {
    const config = loadConfig({ DAOGOU_NOW: '2026-11-01T12:00:00Z' });
    expect(config.now).toBe(Date.UTC(2026, 10, 1, 12));
    expect(configuredClock(null)).toBe(systemClock);
    expect(loadConfig({}).now).toBeNull();
    expect(() => loadConfig({ DAOGOU_NOW: 'yesterday' })).toThrow(/DAOGOU_NOW must be an ISO 8601 time/);
  });
});
