import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileValidator,
  DAY_MS,
  CustomerInputSchema,
  eventRuleIssues,
  EventInputSchema,
  ItemInputSchema,
  type EventInput,
} from '../domain/index.js';
import { generateDemoStore, planDemoStore, type DemoStore, type DemoStorePlan } from './generate-demo-store.js';

const ANCHOR = Date.UTC(2026, 10, 23);
const CJK = /[\u4e00-\u9fff]/;
const LATIN_WORD = /[A-Za-z]{3,}/;

const shopperOf = (e: EventInput): string => e.customerId ?? e.anonymousId ?? '';

describe('generateDemoStore: determinism', () => {
  const small = { anchor: ANCHOR, items: 200, customers: 300, days: 60 };

  it('gives identical output for the same seed and anchor', () => {
    expect(JSON.stringify(generateDemoStore(small))).toBe(JSON.stringify(generateDemoStore(small)));
  });

  it('gives different output for a different seed', () => {
    const a = generateDemoStore({ ...small, seed: 1 });
    const b = generateDemoStore({ ...small, seed: 2 });
    expect(JSON.stringify(a.items)).not.toBe(JSON.stringify(b.items));
    expect(JSON.stringify(a.events)).not.toBe(JSON.stringify(b.events));
  });

  it('streams exactly the events the in-memory store holds', () => {
    const plan = planDemoStore(small);
    const streamed = [...plan.eventBatches()].flat();
    expect(JSON.stringify(streamed)).toBe(JSON.stringify(generateDemoStore(small).events));
  });

  it('rejects nonsense options', () => {
    expect(() => generateDemoStore({ items: 0 })).toThrow(RangeError);
    expect(() => generateDemoStore({ days: 1.5 })).toThrow(RangeError);
  });
});

describe('generateDemoStore: the default store', () => {
  let store: DemoStore;
  let plan: DemoStorePlan;
  beforeAll(() => {
    store = generateDemoStore({ anchor: ANCHOR });
    plan = planDemoStore({ anchor: ANCHOR });
  });

  it('has the documented size', () => {
    expect(store.items).toHaveLength(3000);
    expect(store.customers).toHaveLength(5000);
    expect(store.events.length).toBeGreaterThanOrEqual(150_000);
    expect(store.events.length).toBeLessThanOrEqual(250_000);
    expect(store.merges.length).toBeGreaterThan(100);
    expect(new Set(store.customers.map((c) => (c.traits as { email: string }).email)).size).toBe(5000);
  });

  it('passes the domain validators', () => {
    const items = compileValidator(ItemInputSchema);
    const customers = compileValidator(CustomerInputSchema);
    const events = compileValidator(EventInputSchema);
    expect(store.items.flatMap((x) => items.issues(x))).toEqual([]);
    expect(store.customers.flatMap((x) => customers.issues(x))).toEqual([]);
    const bad = store.events.filter(
      (e) => !events.check(e) || eventRuleIssues(e, { now: ANCHOR, maxFutureMs: 0 }).length > 0,
    );
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it('has unique ids, events in time order inside the window, sessions in order', () => {
    expect(new Set(store.items.map((i) => i.id)).size).toBe(store.items.length);
    expect(new Set(store.events.map((e) => e.id)).size).toBe(store.events.length);
    expect(store.events[0]?.id).toBe('demo-e0000001');
    let previous = ANCHOR - 180 * DAY_MS;
    let outOfOrder = 0;
    for (const e of store.events) {
      const t = Number(e.timestamp);
      if (t < previous || t >= ANCHOR) outOfOrder++;
      previous = t;
    }
    expect(outOfOrder).toBe(0);
    const signedUp = new Map(store.customers.map((c) => [c.id, Number(c.createdAt)]));
    expect(
      store.events.filter((e) => e.customerId && (signedUp.get(e.customerId) ?? Infinity) > Number(e.timestamp)),
    ).toEqual([]);
    const itemCreated = new Map(store.items.map((i) => [i.id, Number(i.createdAt)]));
    expect(
      store.events.filter((e) => e.itemId && (itemCreated.get(e.itemId) ?? Infinity) > Number(e.timestamp)),
    ).toEqual([]);
  });

  it('converts a small fraction of views, and only after the shopper saw the item', () => {
    const seen = new Set<string>();
    let views = 0;
    let purchases = 0;
    let unseen = 0;
    for (const e of store.events) {
      const key = `${shopperOf(e)}|${e.itemId}`;
      if (e.type === 'view' || e.type === 'add_to_cart') seen.add(key);
      if (e.type === 'view') views++;
      if (e.type === 'purchase') {
        purchases++;
        if (!seen.has(key)) unseen++;
        expect(e.revenue).toBeCloseTo((e.price ?? 0) * (e.quantity ?? 0), 1);
      }
    }
    expect(purchases / views).toBeGreaterThan(0.01);
    expect(purchases / views).toBeLessThan(0.1);
    expect(unseen).toBe(0);
  });

  it('has long-tailed item popularity', () => {
    const views = new Map<string, number>();
    for (const e of store.events)
      if (e.type === 'view' && e.itemId) views.set(e.itemId, (views.get(e.itemId) ?? 0) + 1);
    const counts = [...views.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    const top = counts.slice(0, store.items.length / 10).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThanOrEqual(0.4);
  });

  it("concentrates customers' purchases on their preferred departments", () => {
    const departmentOf = new Map(plan.truth.catalogue.items.map((i) => [i.input.id, i.department]));
    const prefers = new Map(plan.truth.profiles.map((p) => [p.customerId, new Set(p.departments)]));
    let inTaste = 0;
    let all = 0;
    for (const e of store.events) {
      if (e.type !== 'purchase' || !e.customerId || !e.itemId) continue;
      all++;
      if (prefers.get(e.customerId)?.has(departmentOf.get(e.itemId) ?? -1)) inTaste++;
    }
    expect(inTaste / all).toBeGreaterThan(0.6);
  });

  it('moves within a session to the same or a related category (next-item signal)', () => {
    const { items, categories } = plan.truth.catalogue;
    const categoryOf = new Map(items.map((i) => [i.input.id, i.category]));
    const lastInSession = new Map<string, number>();
    let near = 0;
    let steps = 0;
    for (const e of store.events) {
      if (e.type !== 'view' || !e.sessionId || !e.itemId) continue;
      const category = categoryOf.get(e.itemId) ?? -1;
      const previous = lastInSession.get(e.sessionId);
      lastInSession.set(e.sessionId, category);
      if (previous === undefined) continue;
      steps++;
      const related = categories[previous];
      if (category === previous || related?.related.includes(category) || related?.complements.includes(category))
        near++;
    }
    expect(near / steps).toBeGreaterThan(0.7);
  });

  it('has item pairs bought together in at least ten orders', () => {
    const orders = new Map<string, string[]>();
    for (const e of store.events) {
      if (e.type === 'purchase' && e.orderId && e.itemId)
        orders.set(e.orderId, [...(orders.get(e.orderId) ?? []), e.itemId]);
    }
    const pairs = new Map<string, number>();
    for (const items of orders.values()) {
      for (const a of items)
        for (const b of items) if (a < b) pairs.set(`${a}|${b}`, (pairs.get(`${a}|${b}`) ?? 0) + 1);
    }
    expect([...pairs.values()].filter((n) => n >= 10).length).toBeGreaterThanOrEqual(5);
  });

  it('searches with words from the titles, in Chinese and English', () => {
    const titles = store.items
      .flatMap((i) => [i.title, i.translations?.en?.title ?? ''])
      .join('\n')
      .toLowerCase();
    const queries = [...new Set(store.events.filter((e) => e.type === 'search').map((e) => e.query ?? ''))];
    // A word is a space-separated token; Chinese is often typed without spaces, so any two-character run counts.
    const words = (q: string): string[] =>
      q
        .toLowerCase()
        .split(' ')
        .flatMap((w) => (CJK.test(w) ? [...w].slice(1).map((c, i) => `${w[i]}${c}`) : [w]));
    const matching = queries.filter((q) => words(q).some((w) => w.length > 1 && titles.includes(w)));
    expect(matching.length / queries.length).toBeGreaterThan(0.9);
    expect(queries.some((q) => CJK.test(q))).toBe(true);
    expect(queries.some((q) => LATIN_WORD.test(q) && !CJK.test(q))).toBe(true);
  });

  it('is bilingual: Chinese titles with English translations, reviews in both languages', () => {
    expect(store.items.every((i) => CJK.test(i.title) && LATIN_WORD.test(i.translations?.en?.title ?? ''))).toBe(true);
    expect(store.items.every((i) => i.category?.includes('/') && i.translations?.en?.category?.includes('/'))).toBe(
      true,
    );
    const reviews = store.events.filter((e) => e.type === 'review');
    expect(reviews.some((e) => CJK.test(e.review ?? ''))).toBe(true);
    expect(reviews.some((e) => !CJK.test(e.review ?? ''))).toBe(true);
    // Ratings follow satisfaction: low-rated reviews sound negative.
    const low = reviews.filter((e) => (e.rating ?? 5) <= 2 && CJK.test(e.review ?? ''));
    expect(low.every((e) => /失望|一般|不太行|很差|有问题/.test(e.review ?? ''))).toBe(true);
  });

  it('separates lifecycles: churned customers were last seen long before active ones', () => {
    const last = new Map<string, number>();
    for (const e of store.events) if (e.customerId) last.set(e.customerId, Number(e.timestamp));
    const median = (lifecycle: string): number => {
      const ages = plan.truth.profiles
        .filter((p) => p.lifecycle === lifecycle && p.customerId && last.has(p.customerId))
        .map((p) => (ANCHOR - (last.get(p.customerId ?? '') ?? 0)) / DAY_MS)
        .sort((a, b) => a - b);
      return ages[Math.floor(ages.length / 2)] ?? NaN;
    };
    expect(median('churned')).toBeGreaterThan(100);
    expect(median('lapsed')).toBeGreaterThan(50);
    expect(median('active')).toBeLessThan(45);
    expect(median('new')).toBeLessThan(20);
  });

  it('shows a Singles Day spike and a weekly rhythm', () => {
    const perDay = (day: number): number =>
      store.events.filter(
        (e) => e.type === 'purchase' && Math.floor((Number(e.timestamp) + 8 * 3_600_000) / DAY_MS) === day,
      ).length;
    const singlesDay = Math.floor((Date.UTC(2026, 10, 11) + 8 * 3_600_000) / DAY_MS);
    const ordinary = [-21, -14, 14, 7].map((d) => perDay(singlesDay + d));
    expect(perDay(singlesDay)).toBeGreaterThan(2.5 * Math.max(...ordinary));
  });

  it('merges anonymous ids that really browsed before the customer signed up', () => {
    const anonymous = new Set(store.events.map((e) => e.anonymousId).filter(Boolean));
    const customers = new Set(store.customers.map((c) => c.id));
    const merged = store.merges.filter((m) => anonymous.has(m.anonymousId) && customers.has(m.customerId));
    expect(merged.length / store.merges.length).toBeGreaterThan(0.5);
  });
});
