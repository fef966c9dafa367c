import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignVariant, hashToUnit, type AssignmentPlan } from './assignment.js';

const plan: AssignmentPlan = {
  salt: 'exp-1',
  variants: [
    { name: 'control', weight: 1 },
    { name: 'b', weight: 1 },
    { name: 'c', weight: 2 },
  ],
  traffic: 1,
};

describe('assignment', () => {
  it('is deterministic per unit and salt', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        expect(assignVariant(plan, id)).toEqual(assignVariant(plan, id));
        const u = hashToUnit('s', id);
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThan(1);
      }),
    );
  });

  it('splits units by weight and traffic share', () => {
    const counts = new Map<string, number>();
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const a = assignVariant({ ...plan, traffic: 0.5 }, `anon-${i}`);
      const key = a.variant ?? a.reason;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.get('outside-traffic')! / n).toBeCloseTo(0.5, 1.7);
    expect(counts.get('control')! / n).toBeCloseTo(0.125, 1.7);
    expect(counts.get('b')! / n).toBeCloseTo(0.125, 1.7);
    expect(counts.get('c')! / n).toBeCloseTo(0.25, 1.7);
  });

  it('keeps experiments in disjoint slices of a layer apart, and assignment independent of the traffic draw', () => {
    const left = { ...plan, salt: 'left', layer: { name: 'home', start: 0, end: 0.5 } };
    const right = { ...plan, salt: 'right', layer: { name: 'home', start: 0.5, end: 1 } };
    let both = 0;
    let either = 0;
    for (let i = 0; i < 20_000; i++) {
      const l = assignVariant(left, `c${i}`).variant !== null;
      const r = assignVariant(right, `c${i}`).variant !== null;
      if (l && r) both++;
      if (l || r) either++;
    }
    expect(both).toBe(0);
    expect(either).toBe(20_000);
    // A different salt reshuffles units: the same ids do not land in the same arms.
    let same = 0;
    for (let i = 0; i < 10_000; i++) {
      if (assignVariant(plan, `u${i}`).variant === assignVariant({ ...plan, salt: 'other' }, `u${i}`).variant) same++;
    }
    expect(same / 10_000).toBeLessThan(0.45);
  });
});
