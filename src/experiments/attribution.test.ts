import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../domain/index.js';
import { attribute, markovRemovalShares, touchWeights, type Journey } from './attribution.js';

const j = (channels: string[], converted: boolean, value = 0): Journey => ({
  touchpoints: channels.map((channel, i) => ({ channel, ts: i * DAY_MS })),
  converted,
  value,
});

describe('rule-based attribution', () => {
  it('splits one journey by each rule', () => {
    const journey = j(['search', 'email', 'recs', 'email'], true, 100);
    expect(touchWeights(journey, 'last-touch')).toEqual([0, 0, 0, 1]);
    expect(touchWeights(journey, 'first-touch')).toEqual([1, 0, 0, 0]);
    expect(touchWeights(journey, 'linear')).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(touchWeights(journey, 'position-based')).toEqual([0.4, 0.1, 0.1, 0.4]);
    // Half-life 1 day: weights 1/8, 1/4, 1/2, 1 normalised by 15/8.
    const decay = touchWeights(journey, 'time-decay', { halfLifeMs: DAY_MS });
    [1 / 15, 2 / 15, 4 / 15, 8 / 15].forEach((w, i) => expect(decay[i]).toBeCloseTo(w, 12));
  });

  it('sums credit per channel over converting journeys only', () => {
    const credit = attribute([j(['search', 'email'], true, 100), j(['email'], true, 50), j(['recs'], false)], 'linear');
    expect(credit).toEqual([
      { channel: 'email', conversions: 1.5, value: 100 },
      { channel: 'search', conversions: 0.5, value: 50 },
    ]);
  });
});

describe('Markov removal effect', () => {
  it('credits a channel every conversion needs, and none to one that never converts', () => {
    // Every conversion passes through email; recs alone never converts.
    const journeys = [
      ...Array.from({ length: 30 }, () => j(['search', 'email'], true, 10)),
      ...Array.from({ length: 30 }, () => j(['search'], false)),
      ...Array.from({ length: 40 }, () => j(['recs'], false)),
    ];
    const shares = markovRemovalShares(journeys);
    // Removing search or email each drops conversion to 0: equal removal effects; recs has none.
    expect(shares.get('search')).toBeCloseTo(0.5, 12);
    expect(shares.get('email')).toBeCloseTo(0.5, 12);
    expect(shares.get('recs')).toBeCloseTo(0, 12);
    const credit = attribute(journeys, 'markov');
    expect(credit.reduce((s, c) => s + c.conversions, 0)).toBeCloseTo(30, 10);
    expect(credit.reduce((s, c) => s + c.value, 0)).toBeCloseTo(300, 10);
  });

  it('matches a hand-solved chain', () => {
    // start→a (1/2), start→b (1/2); a→conv 1/2, a→null 1/2; b→a 1/2, b→null 1/2 (from a conv, b-a null… paths).
    const journeys = [j(['a'], true), j(['a'], false), j(['b', 'a'], true), j(['b'], false)];
    // P(conv) = ½·½ + ½·(½·½) = 3/8. Without a: 0 → effect 1. Without b: ½·½ = 1/4 → effect 1 − (1/4)/(3/8) = 1/3.
    const shares = markovRemovalShares(journeys);
    expect(shares.get('a')).toBeCloseTo(1 / (1 + 1 / 3), 10);
    expect(shares.get('b')).toBeCloseTo(1 / 3 / (1 + 1 / 3), 10);
  });
});
