/**
 * Journeys through HTTP on every backend, with an injected clock and a real local webhook receiver:
 * the abandoned cart end to end, bad definitions, versions, caps across journeys, quiet hours, consent and
 * unsubscribe, a provider's 429 retried later, erasure of journey state, stats and the dry run.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { ProviderRates } from '../../src/journeys/service/provider-rates.js';
import { buildApp } from '../../src/server/app.js';
import { allDatabaseKinds, type TestDatabase } from '../helpers/databases.js';
import { startWebhookSink, type WebhookSink } from '../helpers/webhook-sink.js';

const T0 = Date.UTC(2026, 5, 1, 4, 0, 0); // 12:00 in Shanghai

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`journeys API on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let app: FastifyInstance;
    let sink: WebhookSink;
    let admin: string;
    let ingest: string;
    let now = T0;
    const clock = () => now;
    const auth = (key = admin) => ({ authorization: `Bearer ${key}` });
    const post = (url: string, payload: unknown, key = admin) =>
      app.inject({ method: 'POST', url, headers: auth(key), payload: payload as object });
    const get = (url: string) => app.inject({ url, headers: auth() });
    const track = async (events: object[]) => {
      const res = await post('/v1/events/batch', { events }, ingest);
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    const tick = () => engine.journeys.runner.tick();

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine(
        { ...loadConfig({}), databaseUrl: database.url, publicUrl: 'http://shop.test' },
        clock,
      );
      app = await buildApp(engine, { web: false });
      admin = (await engine.keys.create('admin', 'admin')).key;
      ingest = (await engine.keys.create('ingest', 'ingest')).key;
      sink = await startWebhookSink();
      // The runner starts at the end of the log.
      await tick();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await engine?.close();
      await sink?.close();
      await database?.cleanup();
    });

    it('rejects a bad journey with 400 naming each field, and stores nothing', async () => {
      const res = await post('/v1/journeys', {
        name: 'Broken',
        trigger: { event: 'add_to_cart' },
        steps: [
          { type: 'wait', duration: '5s' },
          { type: 'send', channel: 'webhook' },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['steps.0.duration', 'steps.1.url']);
      expect((await get('/v1/journeys')).json().journeys).toEqual([]);
      const noTrigger = await post('/v1/journeys', {
        name: 'x',
        trigger: { segment: 'vip', on: 'maybe' },
        steps: [{ type: 'exit' }],
      });
      expect(noTrigger.statusCode).toBe(400);
    });

    it('abandoned cart: of 20 carts, exactly the 10 not bought within a second get one webhook each', async () => {
      const res = await post('/v1/journeys', {
        name: 'Abandoned cart',
        trigger: { event: 'add_to_cart' },
        exitOn: ['purchase'],
        steps: [
          { type: 'wait', duration: 'PT5S' },
          { type: 'send', channel: 'webhook', url: sink.url },
        ],
        status: 'active',
      });
      expect(res.statusCode, res.body).toBe(201);
      const journey = res.json();
      expect(journey).toMatchObject({ status: 'active', version: 1, exitOn: ['purchase'] });
      const customers = Array.from({ length: 20 }, (_, i) => `cart-${i}`);
      await track(customers.map((c) => ({ type: 'add_to_cart', customerId: c, itemId: 'i1' })));
      await tick();
      now += 500;
      const buyers = customers.filter((_, i) => i % 2 === 0);
      await track(
        buyers.map((c) => ({ type: 'purchase', customerId: c, itemId: 'i1', orderId: `o-${c}`, revenue: 10 })),
      );
      await tick();
      expect(sink.received).toEqual([]);
      now += 5_000;
      await tick();
      await tick();
      const bodies = sink.received.map((r) => r.body);
      expect(bodies.map((b) => b.customerId).sort()).toEqual(customers.filter((_, i) => i % 2 === 1).sort());
      expect(new Set(bodies.map((b) => b.messageId)).size).toBe(10);
      expect(bodies.every((b) => b.journeyId === journey.id)).toBe(true);
      // Signed with the store's secret: the receiver can check it.
      const r = sink.received[0]!;
      const [t, v1] = String(r.headers['x-daogou-signature']).split(',');
      const expected = createHmac('sha256', engine.journeys.context.secret)
        .update(`${t!.slice(2)}.${r.raw}`)
        .digest('hex');
      expect(v1).toBe(`v1=${expected}`);
      const stats = (await get(`/v1/journeys/${journey.id}/stats`)).json();
      expect(stats.runs).toMatchObject({ entered: 20, active: 0, byReason: { 'event:purchase': 10, completed: 10 } });
      expect(stats.steps.find((s: { type: string }) => s.type === 'send')).toMatchObject({
        entered: 10,
        messages: { sent: 10 },
      });
      await post(`/v1/journeys/${journey.id}/status`, { status: 'paused' });
    });

    it('retries a provider that answers 429 after its Retry-After, without sending twice', async () => {
      sink.received.length = 0;
      const j = (
        await post('/v1/journeys', {
          name: 'Throttled',
          trigger: { event: 'custom:ping' },
          steps: [{ type: 'send', channel: 'webhook', url: sink.url }],
          status: 'active',
        })
      ).json();
      sink.respondWith({ status: 429, headers: { 'retry-after': '30' } });
      await track([{ type: 'custom:ping', customerId: 'ping-1' }]);
      await tick();
      expect(sink.received).toEqual([]);
      const [queued] = (await get(`/v1/journeys/${j.id}/messages`)).json().messages;
      expect(queued).toMatchObject({
        status: 'queued',
        attempts: 1,
        reason: 'HTTP 429',
        nextAttemptAt: new Date(now + 30_000).toISOString(),
      });
      now += 10_000;
      await tick();
      expect(sink.received).toEqual([]);
      now += 20_000;
      await tick();
      await tick();
      expect(sink.received.map((r) => r.body.customerId)).toEqual(['ping-1']);
      await post(`/v1/journeys/${j.id}/status`, { status: 'archived' });
    });

    it('holds webhooks to a provider rate shared by every worker, deferring the rest and dropping none', async () => {
      sink.received.length = 0;
      const bad = await app.inject({
        method: 'PUT',
        url: '/v1/journeys/settings',
        headers: auth(),
        payload: { rateLimits: { webhook: 0 } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      const put = await app.inject({
        method: 'PUT',
        url: '/v1/journeys/settings',
        headers: auth(),
        payload: { rateLimits: { webhook: 2 } },
      });
      expect(put.statusCode, put.body).toBe(200);
      const j = (
        await post('/v1/journeys', {
          name: 'Rate limited',
          trigger: { event: 'custom:rl' },
          steps: [{ type: 'send', channel: 'webhook', url: sink.url }],
          status: 'active',
        })
      ).json();
      await track([1, 2, 3, 4, 5].map((i) => ({ type: 'custom:rl', customerId: `rl-${i}` })));
      await tick();
      // A bucket of 2 a second starts full: two go now, the other three wait 0.5 s apart.
      expect(sink.received).toHaveLength(2);
      const waiting = (await get(`/v1/journeys/${j.id}/messages?status=queued`)).json().messages as {
        reason: string;
        attempts: number;
        nextAttemptAt: string;
      }[];
      expect(waiting.map((m) => m.reason)).toEqual(['rate_limit', 'rate_limit', 'rate_limit']);
      expect(waiting.every((m) => m.attempts === 0)).toBe(true);
      expect(waiting.map((m) => Date.parse(m.nextAttemptAt)).sort()).toEqual([now + 500, now + 1000, now + 1500]);
      now += 500;
      await tick();
      expect(sink.received).toHaveLength(3);
      now += 1000;
      await tick();
      expect(sink.received).toHaveLength(5);
      expect(new Set(sink.received.map((r) => r.body.customerId)).size).toBe(5);
      // A second worker (its own delivery, the same database) takes from the same bucket.
      const url = new URL(sink.url).origin;
      const a = new ProviderRates(engine.store);
      const b = new ProviderRates(engine.store);
      now += 60_000;
      expect((await a.take(`webhook:${url}`, 2, 2, now)).granted).toBe(2);
      expect((await b.take(`webhook:${url}`, 2, 2, now)).granted).toBe(0);
      await app.inject({ method: 'PUT', url: '/v1/journeys/settings', headers: auth(), payload: {} });
      await post(`/v1/journeys/${j.id}/status`, { status: 'archived' });
    });

    it.skipIf(kind.name !== 'postgres')('enters a customer whose event commits after later ones', async () => {
      sink.received.length = 0;
      const j = (
        await post('/v1/journeys', {
          name: 'Late commit',
          trigger: { event: 'custom:late' },
          steps: [{ type: 'send', channel: 'webhook', url: sink.url }],
          status: 'active',
        })
      ).json();
      await tick();
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
      // The slow transaction takes its seq first but commits after the quick event was read past.
      const slow = engine.store.transaction(async (repos) => {
        await engine.events.track([{ type: 'custom:late', customerId: 'late-slow' }], {}, repos);
        inserted();
        await held;
      });
      await insertedYet;
      await track([{ type: 'custom:late', customerId: 'late-quick' }]);
      await tick();
      expect(sink.received.map((r) => r.body.customerId)).toEqual(['late-quick']);
      commit();
      await slow;
      await tick();
      await tick();
      expect(sink.received.map((r) => r.body.customerId).sort()).toEqual(['late-quick', 'late-slow']);
      const stats = (await get(`/v1/journeys/${j.id}/stats`)).json();
      expect(stats.runs.entered).toBe(2);
      await post(`/v1/journeys/${j.id}/status`, { status: 'archived' });
    });

    it('caps e-mail across two journeys, respects consent, and unsubscribes through the signed link', async () => {
      await post('/v1/journeys/settings', {});
      const put = await app.inject({
        method: 'PUT',
        url: '/v1/journeys/settings',
        headers: auth(),
        payload: { providers: { sms: { url: sink.url } }, caps: { sms: [{ max: 1, per: 'P1D' }] } },
      });
      expect(put.statusCode, put.body).toBe(200);
      await post('/v1/customers/batch', {
        customers: [
          { id: 'cap-1', traits: { phone: '+8613800000001' }, consent: { sms: true } },
          { id: 'cap-2', traits: { phone: '+8613800000002' }, consent: { sms: false } },
        ],
      });
      sink.received.length = 0;
      for (const name of ['SMS one', 'SMS two']) {
        const r = await post('/v1/journeys', {
          name,
          trigger: { event: 'custom:sms' },
          caps: true,
          steps: [{ type: 'send', channel: 'sms', content: { body: `${name}: 你好 {{ customer.id }}` } }],
          status: 'active',
        });
        expect(r.statusCode, r.body).toBe(201);
      }
      await track([
        { type: 'custom:sms', customerId: 'cap-1' },
        { type: 'custom:sms', customerId: 'cap-2' },
      ]);
      await tick();
      // One SMS for cap-1 (the cap holds across journeys), none for cap-2 (no consent).
      expect(sink.received.map((r) => r.body.to)).toEqual(['+8613800000001']);
      const messages = (await get('/v1/journeys/customers/cap-1')).json().messages as {
        status: string;
        reason: string | null;
      }[];
      expect(messages.map((m) => m.status).sort()).toEqual(['sent', 'skipped']);
      expect(messages.find((m) => m.status === 'skipped')!.reason).toBe('frequency_cap');
      const other = (await get('/v1/journeys/customers/cap-2')).json().messages as { reason: string }[];
      expect(other.map((m) => m.reason)).toEqual(['no_consent', 'no_consent']);
      const unsubscribe = String(sink.received[0]!.body.unsubscribeUrl);
      expect(unsubscribe).toMatch(/^http:\/\/shop\.test\/v1\/unsubscribe\?/);
      const path = unsubscribe.replace('http://shop.test', '');
      const forged = await app.inject({ url: path.replace(/s=[0-9a-f]+/, 's=00') });
      expect(forged.statusCode).toBe(403);
      const res = await app.inject({ url: path });
      expect(res.statusCode).toBe(200);
      expect((await get('/v1/customers/cap-1')).json().consent.sms).toBe(false);
    });

    it('lets a shopper read and change their own message preferences with their customer token', async () => {
      const url = '/v1/customers/cap-2/message-preferences';
      const browser = (await engine.keys.create('page', 'public')).key;
      const token = (await post('/v1/customers/cap-2/token', {}, ingest)).json().token as string;
      const asPage = (method: 'GET' | 'PUT', withToken: boolean, payload?: object) =>
        app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${browser}`, ...(withToken ? { 'x-customer-token': token } : {}) },
          ...(payload ? { payload } : {}),
        });
      expect((await asPage('GET', false)).statusCode).toBe(403);
      expect((await asPage('GET', true)).json()).toEqual({ email: false, sms: false, push: false });
      expect((await asPage('PUT', true, { sms: true, colour: 'red' })).statusCode).toBe(400);
      const changed = await asPage('PUT', true, { sms: true, email: true });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toEqual({ email: true, sms: true, push: false });
      expect((await asPage('PUT', true, { email: false })).json()).toEqual({ email: false, sms: true, push: false });
      expect((await get('/v1/customers/cap-2')).json().consent).toMatchObject({ email: false, sms: true });
      const events = (await get('/v1/customers/cap-2/timeline')).json();
      expect(JSON.stringify(events)).toContain('custom:unsubscribe');
    });

    it('defers messages inside quiet hours in the customer’s zone, and sends when they end', async () => {
      sink.received.length = 0;
      await post('/v1/customers/batch', { customers: [{ id: 'night-owl', traits: { timezone: 'Asia/Shanghai' } }] });
      const j = (
        await post('/v1/journeys', {
          name: 'Night',
          trigger: { event: 'custom:night' },
          quietHours: { start: '21:00', end: '08:00' },
          steps: [{ type: 'send', channel: 'webhook', url: sink.url }],
          status: 'active',
        })
      ).json();
      const before = now;
      // 22:30 in Shanghai.
      now = Date.UTC(2026, 5, 1, 14, 30) + (before > Date.UTC(2026, 5, 1, 14, 30) ? 86_400_000 : 0);
      await track([{ type: 'custom:night', customerId: 'night-owl' }]);
      await tick();
      expect(sink.received).toEqual([]);
      const [m] = (await get(`/v1/journeys/${j.id}/messages`)).json().messages;
      expect(m).toMatchObject({ status: 'queued', reason: 'quiet_hours' });
      expect(new Date(m.nextAttemptAt).getUTCHours()).toBe(0); // 08:00 in Shanghai
      now = new Date(m.nextAttemptAt).getTime();
      await tick();
      expect(sink.received.map((r) => r.body.customerId)).toEqual(['night-owl']);
    });

    it('erasing a customer deletes their journey runs and message log', async () => {
      expect((await get('/v1/journeys/customers/night-owl')).json().messages.length).toBe(1);
      const res = await app.inject({ method: 'DELETE', url: '/v1/customers/night-owl', headers: auth() });
      expect(res.statusCode, res.body).toBeLessThan(300);
      expect((await get('/v1/journeys/customers/night-owl')).json()).toEqual({ runs: [], messages: [] });
    });

    it('keeps runs on their version when a journey is edited', async () => {
      const j = (
        await post('/v1/journeys', {
          name: 'Versioned',
          trigger: { event: 'custom:v' },
          steps: [
            { type: 'wait', duration: 'PT1M' },
            { type: 'set_trait', trait: 'v', value: 1 },
          ],
          status: 'active',
        })
      ).json();
      await track([{ type: 'custom:v', customerId: 'ver-1' }]);
      await tick();
      const edited = await app.inject({
        method: 'PUT',
        url: `/v1/journeys/${j.id}`,
        headers: auth(),
        payload: {
          name: 'Versioned',
          trigger: { event: 'custom:v' },
          steps: [{ type: 'set_trait', trait: 'v', value: 2 }],
          status: 'active',
        },
      });
      expect(edited.json().version).toBe(2);
      await track([{ type: 'custom:v', customerId: 'ver-2' }]);
      now += 60_000;
      await tick();
      expect((await get('/v1/customers/ver-1')).json().traits.v).toBe(1);
      expect((await get('/v1/customers/ver-2')).json().traits.v).toBe(2);
    });

    it('dry-runs a journey over stored history without sending', async () => {
      sink.received.length = 0;
      const res = await post('/v1/journeys/preview', {
        journey: {
          name: 'What if',
          trigger: { event: 'add_to_cart' },
          exitOn: ['purchase'],
          steps: [
            { type: 'wait', duration: 'PT5S' },
            { type: 'send', channel: 'webhook', url: sink.url },
          ],
        },
        from: new Date(T0 - 1000).toISOString(),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        entered: 20,
        messages: 10,
        messagedCustomers: 10,
        exits: { 'event:purchase': 10, completed: 10 },
      });
      expect(sink.received).toEqual([]);
    });
  });
}
