import { describe, expect, it } from 'vitest';
import { analyseCustomers } from './customer-analytics.js';
import { simulateBgNbd } from './clv/simulate-bg-nbd.js';
import { seededRandom } from '../math/random.js';
import { compileRule } from './segments/compile-rule.js';
import { evaluateSegment } from './segments/evaluate-segment.js';
import { diffMembership } from './segments/membership-diff.js';
import type { CustomerEvent } from './types.js';
import { DAY_MS } from './types.js';

const START = Date.UTC(2024, 0, 1);

describe('analyseCustomers', () => {
  const purchases = simulateBgNbd(
    { customers: 500, params: { r: 0.8, alpha: 20, a: 0.9, b: 3 }, start: START, acquisitionDays: 90, days: 365 },
    seededRandom(9),
  );
  const events: CustomerEvent[] = purchases.map((p, i) => ({
    kind: 'purchase',
    ...p,
    items: [{ itemId: `i${i % 7}`, category: i % 3 === 0 ? '女装' : 'Toys', price: p.amount, quantity: 1 }],
  }));
  events.push({ kind: 'view', customerId: 'visitor', time: START + 10 * DAY_MS, category: 'Toys' });

  it('derives profiles, RFM, predictions and churn that segment rules can use', () => {
    const a = analyseCustomers(events, { now: START + 365 * DAY_MS, clusters: true });
    expect(a.notes).toEqual([]);
    expect(a.clusters?.k).toBeGreaterThanOrEqual(2);
    const inCluster0 = evaluateSegment(compileRule('cluster = 0'), a.subjects.values(), a.now);
    expect(inCluster0.length).toBe(a.clusters!.clusters[0]!.size);
    expect(a.profiles.size).toBe(501);
    const visitor = a.subjects.get('visitor')!;
    expect(visitor.rfm).toBeNull();
    expect(visitor.prediction).toBeNull();
    const someone = a.subjects.get('s0')!;
    expect(someone.rfm?.group).toBeDefined();
    expect(someone.prediction?.churnRisk).toBeGreaterThan(0);
    expect(someone.prediction?.churnRisk).toBeLessThan(1);
    const champions = evaluateSegment(compileRule('rfm.group = "Champions"'), a.subjects.values(), a.now);
    const risky = evaluateSegment(compileRule('churn_risk > 0.9 and orders >= 2'), a.subjects.values(), a.now);
    expect(champions.length).toBeGreaterThan(0);
    expect(risky.length).toBeGreaterThan(0);
    const later = evaluateSegment(
      compileRule('churn_risk > 0.9 and orders >= 2'),
      a.subjects.values(),
      a.now + 200 * DAY_MS,
    );
    expect(diffMembership(risky, later).entered).toEqual([]);
  });

  it('keeps profiles and RFM when the data cannot fit the models', () => {
    const few: CustomerEvent[] = [{ kind: 'purchase', customerId: 'x', time: START, amount: 5 }];
    const a = analyseCustomers(few);
    expect(a.clv).toBeNull();
    expect(a.notes.length).toBeGreaterThan(0);
    expect(a.subjects.get('x')?.rfm).not.toBeNull();
  });
});
