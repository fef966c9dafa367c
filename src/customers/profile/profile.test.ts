import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, type CustomerEvent } from '../types.js';
import { buildProfiles } from './build-profiles.js';
import { DEFAULT_PROFILE_OPTIONS, priceBandLabel, priceBandRange, type CustomerProfile } from './customer-profile.js';
import { foldEvent, foldEvents } from './fold-event.js';
import { lifecycleStage } from './lifecycle.js';
import { viewProfile } from './profile-view.js';

const T0 = Date.UTC(2024, 0, 1);
const categories = ['女装', 'Home/Kitchen', 'Toys'];
const brands = ['Acme', 'Nike', '小米'];

const eventArb: fc.Arbitrary<CustomerEvent> = fc.oneof(
  fc.record({
    kind: fc.constant('purchase' as const),
    customerId: fc.constantFrom('a', 'b'),
    time: fc.integer({ min: 0, max: 400 * DAY_MS }).map((t) => T0 + t),
    amount: fc.integer({ min: 1, max: 500 }),
    channel: fc.constantFrom('web', 'app', 'pos'),
    items: fc.array(
      fc.record({
        itemId: fc.constantFrom('i1', 'i2', 'i3'),
        category: fc.constantFrom(...categories),
        brand: fc.constantFrom(...brands),
        price: fc.integer({ min: 1, max: 2000 }),
        quantity: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({
    kind: fc.constantFrom('view' as const, 'add_to_cart' as const, 'wishlist' as const, 'search' as const),
    customerId: fc.constantFrom('a', 'b'),
    time: fc.integer({ min: 0, max: 400 * DAY_MS }).map((t) => T0 + t),
    itemId: fc.constantFrom('i1', 'i2'),
    category: fc.constantFrom(...categories),
    brand: fc.constantFrom(...brands),
    price: fc.integer({ min: 1, max: 2000 }),
  }),
);

function expectSameProfile(a: CustomerProfile, b: CustomerProfile): void {
  const { affinity: affA, ...restA } = a;
  const { affinity: affB, ...restB } = b;
  expect(restA).toEqual(restB);
  for (const dim of ['category', 'brand', 'priceBand'] as const) {
    expect(Object.keys(affA[dim]).sort()).toEqual(Object.keys(affB[dim]).sort());
    for (const [k, v] of Object.entries(affA[dim])) expect(affB[dim][k]! / v).toBeCloseTo(1, 9);
  }
}

describe('profiles', () => {
  it('folding events one by one in any order equals the batch build', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 40 }), fc.integer(), (events, seed) => {
        const shuffled = [...events];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const folded = new Map<string, CustomerProfile>();
        for (const e of shuffled) folded.set(e.customerId, foldEvent(folded.get(e.customerId) ?? null, e));
        const batch = buildProfiles(events);
        expect([...folded.keys()].sort()).toEqual([...batch.keys()].sort());
        for (const [id, p] of batch) expectSameProfile(folded.get(id)!, p);
      }),
      { numRuns: 200 },
    );
  });

  it('folding a page of events at once equals folding them one by one, onto a stored profile', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 1, maxLength: 20 }),
        fc.array(eventArb, { minLength: 1, maxLength: 40 }),
        (earlier, page) => {
          const mine = (events: CustomerEvent[]) => events.map((e) => ({ ...e, customerId: 'a' }));
          const stored = JSON.stringify(mine(earlier).reduce<CustomerProfile | null>((p, e) => foldEvent(p, e), null));
          let oneByOne = JSON.parse(stored) as CustomerProfile;
          for (const e of mine(page)) oneByOne = foldEvent(oneByOne, e);
          const atOnce = foldEvents(JSON.parse(stored) as CustomerProfile, mine(page));
          expectSameProfile(atOnce, oneByOne);
          expectSameProfile(foldEvents(null, mine(page)), foldEvents(null, mine(page).reverse()));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('survives a JSON round trip through storage and keeps folding', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 2, maxLength: 20 }), (events) => {
        const mine = events.map((e) => ({ ...e, customerId: 'a' }));
        const [first, ...rest] = mine;
        let direct = foldEvent(null, first!);
        let stored = JSON.parse(JSON.stringify(foldEvent(null, first!))) as CustomerProfile;
        for (const e of rest) {
          direct = foldEvent(direct, e);
          stored = JSON.parse(JSON.stringify(foldEvent(stored, e))) as CustomerProfile;
        }
        expectSameProfile(stored, direct);
      }),
      { numRuns: 100 },
    );
  });

  it('weights recent interest above old interest', () => {
    const events: CustomerEvent[] = [
      { kind: 'view', customerId: 'c', time: T0, category: 'Toys' },
      { kind: 'view', customerId: 'c', time: T0 + 1, category: 'Toys' },
      { kind: 'view', customerId: 'c', time: T0 + 365 * DAY_MS, category: '女装' },
    ];
    const view = viewProfile(buildProfiles(events).get('c')!, T0 + 365 * DAY_MS);
    expect(view.categories[0]?.key).toBe('女装');
    expect(view.categories.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1);
    expect(view.lifecycle).toBe('prospect');
  });

  it('labels price bands', () => {
    const bands = DEFAULT_PROFILE_OPTIONS.priceBands;
    expect(priceBandLabel(5, bands)).toBe('0-10');
    expect(priceBandLabel(25, bands)).toBe('25-50');
    expect(priceBandLabel(5000, bands)).toBe('1000+');
  });

  it('reads back every price band label it writes as its numeric range', () => {
    const bands = DEFAULT_PROFILE_OPTIONS.priceBands;
    expect(priceBandRange(priceBandLabel(30, bands))).toEqual({ min: 25, max: 50 });
    expect(priceBandRange(priceBandLabel(5000, bands))).toEqual({ min: 1000, max: Number.MAX_VALUE });
    for (const [i, low] of bands.entries()) {
      const range = priceBandRange(priceBandLabel(low, bands))!;
      expect(range.min).toBe(low);
      expect(range.max).toBe(bands[i + 1] ?? Number.MAX_VALUE);
    }
    expect(priceBandRange('cheap')).toBeNull();
  });
});

describe('lifecycle', () => {
  const buyer = (days: number[]) =>
    buildProfiles(days.map((d) => ({ kind: 'purchase', customerId: 'x', time: T0 + d * DAY_MS, amount: 10 }))).get(
      'x',
    )!;

  it('judges recency against the customer own cadence', () => {
    const weekly = buyer([0, 7, 14, 21, 28]);
    expect(lifecycleStage(weekly, T0 + 35 * DAY_MS)).toBe('active');
    expect(lifecycleStage(weekly, T0 + 45 * DAY_MS)).toBe('at_risk');
    expect(lifecycleStage(weekly, T0 + 60 * DAY_MS)).toBe('lapsed');
    expect(lifecycleStage(weekly, T0 + 90 * DAY_MS)).toBe('churned');
    const quarterly = buyer([0, 90, 180]);
    expect(lifecycleStage(quarterly, T0 + 300 * DAY_MS)).toBe('active');
  });

  it('treats a recent first order as new', () => {
    expect(lifecycleStage(buyer([0]), T0 + 10 * DAY_MS)).toBe('new');
    expect(lifecycleStage(buyer([0]), T0 + 80 * DAY_MS)).toBe('active');
    expect(lifecycleStage(buyer([0]), T0 + 500 * DAY_MS)).toBe('churned');
  });
});
