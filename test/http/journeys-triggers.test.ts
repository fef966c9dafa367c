/**
 * Journey triggers beyond single events, through HTTP on every backend with an injected clock and a local
 * webhook receiver: birthdays and days since the last order, a price drop and a return to stock for the
 * customers who showed interest in the item, a new stock-out risk or overstock flagged by the forecasting run,
 * a new sentiment drop raised by the review scoring job, a one-off broadcast to a segment, bad triggers, and the dry run
 * of a date trigger.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { buildApp } from '../../src/server/app.js';
import { allDatabaseKinds, type TestDatabase } from '../helpers/databases.js';
import { startWebhookSink, type WebhookSink } from '../helpers/webhook-sink.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1, 4, 0, 0);

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`journey triggers on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let app: FastifyInstance;
    let sink: WebhookSink;
    let admin: string;
    let now = T0;
    const clock = () => now;
    const auth = { authorization: '' };
    const post = (url: string, payload: unknown) =>
      app.inject({ method: 'POST', url, headers: auth, payload: payload as object });
    const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
      const r = await res;
      expect(r.statusCode, r.body).toBeLessThan(300);
      return JSON.parse(r.body || '{}') as Record<string, unknown>;
    };
    const tick = () => engine.journeys.runner.tick();
    const journey = (name: string, trigger: object, extra: object = {}) =>
      ok(
        post('/v1/journeys', {
          name,
          trigger,
          steps: [{ type: 'send', channel: 'webhook', url: sink.url }],
          status: 'active',
          ...extra,
        }),
      );
    const receivedBy = (journeyId: unknown) =>
      sink.received
        .filter((r) => r.body.journeyId === journeyId)
        .map((r) => String(r.body.customerId))
        .sort();

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine({ ...loadConfig({}), databaseUrl: database.url }, clock);
      app = await buildApp(engine, { web: false });
      admin = (await engine.keys.create('admin', 'admin')).key;
      auth.authorization = `Bearer ${admin}`;
      sink = await startWebhookSink();
      await tick();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await engine?.close();
      await sink?.close();
      await database?.cleanup();
    });

    it('rejects bad triggers with 400 naming the field', async () => {
      const cases: [object, string][] = [
        [{ date: 'last_order' }, 'trigger.days'],
        [{ date: 'birthday', timezone: 'Mars/Base' }, 'trigger.timezone'],
        [{ item: 'price_drop', within: '30 days' }, 'trigger.within'],
        [{ schedule: 'tomorrow', segment: 'vip' }, 'trigger.schedule'],
        [{ item: 'discounted' }, 'trigger.item'],
        [{ item: 'overstock', within: 'a month' }, 'trigger.within'],
        [{ item: 'sentiment_drop', interest: [] }, 'trigger.interest'],
      ];
      for (const [trigger, field] of cases) {
        const res = await post('/v1/journeys', { name: 'bad', trigger, steps: [{ type: 'exit' }] });
        expect(res.statusCode, JSON.stringify(trigger)).toBe(400);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect((await app.inject({ url: '/v1/journeys', headers: auth })).json().journeys).toEqual([]);
    });

    it('days since the last order: customers whose last order was 30 days ago enter once that day', async () => {
      const at = (days: number) => new Date(T0 - days * DAY).toISOString();
      await ok(
        post('/v1/events/batch', {
          events: [
            { type: 'purchase', customerId: 'lo-1', itemId: 'x', orderId: 'a1', revenue: 5, timestamp: at(30) },
            { type: 'purchase', customerId: 'lo-2', itemId: 'x', orderId: 'a2', revenue: 5, timestamp: at(30) },
            { type: 'purchase', customerId: 'lo-2', itemId: 'x', orderId: 'a3', revenue: 5, timestamp: at(12) },
            { type: 'purchase', customerId: 'lo-3', itemId: 'x', orderId: 'a4', revenue: 5, timestamp: at(29) },
          ],
        }),
      );
      const preview = await ok(
        post('/v1/journeys/preview', {
          journey: {
            name: 'p',
            trigger: { date: 'last_order', days: 30 },
            steps: [{ type: 'send', channel: 'webhook', url: sink.url }],
          },
          from: new Date(T0 - 40 * DAY).toISOString(),
          to: new Date(T0 + 2 * DAY).toISOString(),
        }),
      );
      // lo-1 and lo-3 (tomorrow); lo-2 ordered again, and its second order is not 30 days old.
      expect(preview).toMatchObject({ entered: 2, messagedCustomers: 2 });
      expect(sink.received).toEqual([]);
      const j = await journey('Thirty days', { date: 'last_order', days: 30 });
      await tick();
      await tick();
      expect(receivedBy(j.id)).toEqual(['lo-1']);
      now += DAY;
      await tick();
      await tick();
      expect(receivedBy(j.id)).toEqual(['lo-1', 'lo-3']);
      const body = sink.received.find((r) => r.body.customerId === 'lo-3')!.body;
      expect((body.data as { trigger: Record<string, unknown> }).trigger).toMatchObject({
        date: 'last_order',
        days: 30,
      });
      await ok(post(`/v1/journeys/${String(j.id)}/status`, { status: 'paused' }));
    });

    it('birthdays: each customer enters on their day, once', async () => {
      const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(5, 10);
      await ok(
        post('/v1/customers/batch', {
          customers: [
            { id: 'b-1', traits: { birthday: `1990-${day(1)}` } },
            { id: 'b-2', traits: { birthday: day(2) } },
            { id: 'b-3', traits: { birthday: 'soon' } },
          ],
        }),
      );
      const j = await journey('Birthday', { date: 'birthday' }, { reentry: 'always' });
      await tick();
      expect(receivedBy(j.id)).toEqual([]);
      now += DAY;
      await tick();
      await tick();
      expect(receivedBy(j.id)).toEqual(['b-1']);
      now += DAY;
      await tick();
      expect(receivedBy(j.id)).toEqual(['b-1', 'b-2']);
      await ok(post(`/v1/journeys/${String(j.id)}/status`, { status: 'paused' }));
    });

    it('a price drop and a return to stock reach exactly the customers who showed interest in the item', async () => {
      await ok(
        post('/v1/items/batch', {
          items: [
            { id: 'pd', title: 'Kettle', price: 100, stock: 5 },
            { id: 'bis', title: 'Teapot', price: 50, stock: 0 },
            { id: 'other', title: 'Cup', price: 10, stock: 9 },
          ],
        }),
      );
      await ok(
        post('/v1/events/batch', {
          events: [
            { type: 'view', customerId: 'pd-1', itemId: 'pd' },
            { type: 'add_to_cart', customerId: 'pd-2', itemId: 'pd' },
            { type: 'view', customerId: 'pd-3', itemId: 'other' },
            { type: 'view', customerId: 'pd-old', itemId: 'pd', timestamp: new Date(now - 40 * DAY).toISOString() },
            { type: 'wishlist', customerId: 'bis-1', itemId: 'bis' },
          ],
        }),
      );
      const drop = await journey('Price drop', { item: 'price_drop', minDropPercent: 10 });
      const back = await journey('Back in stock', { item: 'back_in_stock' });
      await tick();
      const patch = (id: string, payload: object) =>
        ok(app.inject({ method: 'PATCH', url: `/v1/items/${id}`, headers: auth, payload }));
      now += 1000;
      await patch('pd', { price: 95 });
      await tick();
      expect(receivedBy(drop.id)).toEqual([]);
      now += 1000;
      await patch('pd', { price: 80 });
      await patch('bis', { stock: 3 });
      await patch('other', { price: 12 });
      await tick();
      await tick();
      expect(receivedBy(drop.id)).toEqual(['pd-1', 'pd-2']);
      expect(receivedBy(back.id)).toEqual(['bis-1']);
      const trigger = (sink.received.find((r) => r.body.journeyId === drop.id)!.body.data as { trigger: object })
        .trigger;
      expect(trigger).toMatchObject({ itemId: 'pd', change: 'price_drop', oldPrice: 95, newPrice: 80 });
      now += 1000;
      await patch('bis', { title: 'Teapot, blue' });
      await tick();
      expect(receivedBy(back.id)).toEqual(['bis-1']);
      for (const j of [drop, back]) await ok(post(`/v1/journeys/${String(j.id)}/status`, { status: 'paused' }));
    });

    it('a new stock-out risk or overstock from the forecasting run brings in the customers interested in the item', async () => {
      await ok(
        post('/v1/items/batch', {
          items: [
            { id: 'low', title: 'Kettle', price: 30, stock: 0 },
            { id: 'glut', title: 'Tray', price: 12, stock: 100_000 },
          ],
        }),
      );
      const sales = [];
      for (let w = 20; w >= 1; w--)
        for (const itemId of ['low', 'glut'])
          sales.push({
            type: 'purchase',
            customerId: 'buyer',
            itemId,
            quantity: 8 + (w % 3),
            price: 10,
            timestamp: new Date(now - w * 7 * DAY).toISOString(),
          });
      await ok(post('/v1/events/batch', { events: sales }));
      await ok(
        post('/v1/events/batch', {
          events: [
            { type: 'view', customerId: 'sr-1', itemId: 'low' },
            { type: 'wishlist', customerId: 'os-1', itemId: 'glut' },
          ],
        }),
      );
      const short = await journey('Running out', { item: 'stockout_risk' });
      const over = await journey('Too much', { item: 'overstock', interest: ['wishlist', 'view'] });
      now += 1000;
      await engine.forecasts.run();
      await tick();
      expect(receivedBy(short.id)).toEqual(['sr-1']);
      expect(receivedBy(over.id)).toEqual(['os-1']);
      const trigger = (sink.received.find((r) => r.body.journeyId === short.id)!.body.data as { trigger: object })
        .trigger;
      expect(trigger).toMatchObject({ itemId: 'low', change: 'stockout_risk', risk: 'stockout', stock: 0 });
      // The next run flags the same items the same way: nobody enters again.
      now += 1000;
      await engine.forecasts.run();
      await tick();
      expect(receivedBy(short.id)).toEqual(['sr-1']);
      expect(receivedBy(over.id)).toEqual(['os-1']);
      // A delivery turns the kettle into overstock: its interested customer enters that journey now.
      await ok(app.inject({ method: 'PATCH', url: '/v1/items/low', headers: auth, payload: { stock: 50_000 } }));
      now += 1000;
      await engine.forecasts.run();
      await tick();
      expect(receivedBy(over.id)).toEqual(['os-1', 'sr-1']);
      for (const j of [short, over]) await ok(post(`/v1/journeys/${String(j.id)}/status`, { status: 'paused' }));
    });

    it('a new sentiment drop from the review scoring job brings in the customers interested in the item, once', async () => {
      const good = ['质量很好，物流很快，很满意', '做工精细，颜色好看，推荐购买', '尺码合适，穿着舒服，物流很快'];
      const bad = [
        '质量太差了，做工粗糙，很失望',
        '物流太慢了，等了一个星期，差评',
        '尺码偏小，颜色和图片不一样，退货了',
      ];
      const review = (customerId: string, text: string, daysAgo: number) => ({
        type: 'review',
        itemId: 'lamp',
        customerId,
        review: text,
        timestamp: new Date(now - daysAgo * DAY).toISOString(),
      });
      await ok(post('/v1/items/batch', { items: [{ id: 'lamp', title: 'Desk lamp', price: 40, stock: 20 }] }));
      await ok(
        post('/v1/events/batch', {
          events: [
            ...[60, 55, 50, 45, 40, 35, 30, 25].map((d, i) => review(`rv-old-${i}`, good[i % 3]!, d)),
            { type: 'view', customerId: 'sd-1', itemId: 'lamp' },
            { type: 'wishlist', customerId: 'sd-2', itemId: 'lamp' },
            { type: 'view', customerId: 'sd-other', itemId: 'glut' },
          ],
        }),
      );
      const turned = await journey('Reviews turned', { item: 'sentiment_drop' });
      now += 1000;
      // Praised so far: the scoring job raises nothing.
      expect((await engine.reviews.catchUp()).raised).toEqual([]);
      await tick();
      expect(receivedBy(turned.id)).toEqual([]);
      await ok(post('/v1/events/batch', { events: [5, 4, 3, 2].map((d, i) => review(`rv-new-${i}`, bad[i % 3]!, d)) }));
      now += 1000;
      expect((await engine.reviews.catchUp()).raised).toEqual(['lamp']);
      await tick();
      expect(receivedBy(turned.id)).toEqual(['sd-1', 'sd-2']);
      const trigger = (sink.received.find((r) => r.body.journeyId === turned.id)!.body.data as { trigger: object })
        .trigger;
      expect(trigger).toMatchObject({ itemId: 'lamp', change: 'sentiment_drop', recentReviews: 4 });
      const { drop, baselineMean, recentMean } = trigger as { drop: number; baselineMean: number; recentMean: number };
      expect(drop).toBeGreaterThanOrEqual(0.2);
      expect(baselineMean).toBeGreaterThan(recentMean);
      // The next evaluation still sees the same drop: it is not new, so nobody enters again.
      now += 1000;
      expect((await engine.reviews.catchUp()).raised).toEqual([]);
      await tick();
      expect(receivedBy(turned.id)).toEqual(['sd-1', 'sd-2']);
      // The console's signal reads the same drop.
      const signals = (await app.inject({ url: '/v1/reviews/signals', headers: auth })).json<{ drops: object[] }>();
      expect(signals.drops).toEqual([expect.objectContaining({ itemId: 'lamp' })]);
      await ok(post(`/v1/journeys/${String(turned.id)}/status`, { status: 'paused' }));
    });

    it('a scheduled broadcast sends once to every member of the segment when its time comes', async () => {
      await engine.store.segments.insert({
        id: 'seg-vip',
        name: 'vip',
        rule: 'orders > 0',
        description: null,
        size: 0,
        createdAt: now,
        updatedAt: now,
        evaluatedAt: null,
      });
      const members = Array.from({ length: 5 }, (_, i) => `vip-${i}`);
      await ok(post('/v1/customers/batch', { customers: members.map((id) => ({ id })) }));
      await engine.store.segments.addMembers('seg-vip', members, now);
      const at = new Date(now + 3_600_000).toISOString();
      const j = await journey('Broadcast', { schedule: at, segment: 'vip' });
      await tick();
      expect(receivedBy(j.id)).toEqual([]);
      now += 3_600_000;
      await tick();
      await tick();
      expect(receivedBy(j.id)).toEqual(members);
      now += 3_600_000;
      await tick();
      expect(receivedBy(j.id)).toEqual(members);
      expect(new Set(sink.received.filter((r) => r.body.journeyId === j.id).map((r) => r.body.messageId)).size).toBe(5);
    });

    it('measures conversions and revenue within the window for treated runs against the holdout', async () => {
      const j = await journey('Measured', { event: 'custom:measure' }, { holdoutPercent: 50 });
      await tick();
      const ids = Array.from({ length: 40 }, (_, i) => `m-${i}`);
      await ok(post('/v1/events/batch', { events: ids.map((customerId) => ({ type: 'custom:measure', customerId })) }));
      await tick();
      const runs = (await app.inject({ url: `/v1/journeys/${String(j.id)}/runs?limit=100`, headers: auth })).json()
        .runs as { customerId: string; holdout: boolean }[];
      const held = new Set(runs.filter((r) => r.holdout).map((r) => r.customerId));
      expect(runs).toHaveLength(40);
      expect(held.size).toBeGreaterThan(5);
      expect(held.size).toBeLessThan(35);
      // The holdout gets nothing.
      expect(receivedBy(j.id)).toEqual(ids.filter((c) => !held.has(c)).sort());
      now += DAY;
      const buyers = ids.filter((_, i) => i % 4 === 0);
      const late = ids[1]!;
      await ok(
        post('/v1/events/batch', {
          events: buyers.map((c) => ({
            type: 'purchase',
            customerId: c,
            itemId: 'x',
            orderId: `mo-${c}`,
            revenue: 25,
          })),
        }),
      );
      // A purchase after the seven-day window does not count.
      now += 8 * DAY;
      await ok(
        post('/v1/events/batch', {
          events: [{ type: 'purchase', customerId: late, itemId: 'x', orderId: 'late', revenue: 99 }],
        }),
      );
      const stats = (await app.inject({ url: `/v1/journeys/${String(j.id)}/stats`, headers: auth })).json();
      const treatedBuyers = buyers.filter((c) => !held.has(c)).length;
      const heldBuyers = buyers.length - treatedBuyers;
      expect(stats.conversion.treated).toMatchObject({
        runs: 40 - held.size,
        converted: treatedBuyers,
        revenue: 25 * treatedBuyers,
      });
      expect(stats.conversion.holdout).toMatchObject({
        runs: held.size,
        converted: heldBuyers,
        revenue: 25 * heldBuyers,
      });
      expect(stats.conversion.lift).toBeCloseTo(treatedBuyers / (40 - held.size) - heldBuyers / held.size, 10);
      expect(stats.runs.byReason).toMatchObject({ holdout: held.size, completed: 40 - held.size });
    });
  });
}
