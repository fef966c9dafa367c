import { describe, expect, it } from 'vitest';
import { deferredAt, takeTokens } from './rate-bucket.js';

describe('provider token bucket', () => {
  it('starts full at one second of burst and refills at the rate', () => {
    const first = takeTokens(null, 10, 25, 1_000);
    expect(first.granted).toBe(10);
    expect(first.nextAt).toBe(1_100);
    const soon = takeTokens(first.state, 10, 15, 1_350);
    expect(soon.granted).toBe(3);
    const later = takeTokens(soon.state, 10, 5, 60_000);
    expect(later.granted).toBe(5);
    expect(later.nextAt).toBe(60_000);
  });

  it('keeps fractions of a token and never goes negative', () => {
    const a = takeTokens(null, 0.5, 3, 0);
    expect(a.granted).toBe(1);
    expect(a.nextAt).toBe(2_000);
    const b = takeTokens(a.state, 0.5, 1, 1_000);
    expect(b.granted).toBe(0);
    expect(b.state.tokens).toBeCloseTo(0.5);
    expect(b.nextAt).toBe(2_000);
    expect(takeTokens(b.state, 0.5, 1, 2_000).granted).toBe(1);
  });

  it('spreads what it defers at the rate', () => {
    expect([0, 1, 2].map((n) => deferredAt(5_000, 4, n))).toEqual([5_000, 5_250, 5_500]);
  });
});
