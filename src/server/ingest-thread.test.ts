/**
 * Batches off the serving thread: on PostgreSQL a secret key's batch is read, checked and stored by the ingest
 * thread (the serving engine's event service never sees it) with the same answers as before; SQLite and
 * browser keys stay on the serving thread. Real HTTP (inject) on the real databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresKind, sqliteKind } from '../../test/helpers/databases.js';
import { startTestServer, type TestServer } from '../../test/helpers/test-engine.js';
import { fromWire, toWire } from './ingest-thread.js';
import { StorageUnavailableError, ValidationError } from '../domain/index.js';

const view = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `e-${i}`,
  type: 'view',
  customerId: `c-${i % 7}`,
  itemId: 'SKU-1',
  ...extra,
});

/** Counts the serving engine's own tracking calls: zero when a batch went to the thread. */
function countTracks(server: TestServer): { calls: number } {
  const counter = { calls: 0 };
  const events = server.engine.events;
  const original = events.track.bind(events);
  events.track = (...args) => {
    counter.calls += 1;
    return original(...args);
  };
  return counter;
}

const postgres = await postgresKind();

describe.skipIf(!postgres.available)('the ingest thread on postgres', () => {
  let server: TestServer;
  let here: { calls: number };
  const headers = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
  const batch = (payload: unknown, key = server.keys.ingest, query = '') =>
    server.app.inject({
      method: 'POST',
      url: `/v1/events/batch${query}`,
      headers: headers(key),
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  beforeAll(async () => {
    server = await startTestServer(postgres, { bodyLimitBytes: 256 * 1024 });
    await server.engine.items.upsert([{ id: 'SKU-1', title: 'Known item' }]);
    here = countTracks(server);
  });
  afterAll(async () => server?.close());

  it('stores a secret key’s batch on the thread and answers the counts, ids and duplicates', async () => {
    const events = Array.from({ length: 300 }, (_, i) => view(i));
    const before = server.engine.clock();
    const res = await batch({ events });
    const after = server.engine.clock();
    expect(res.statusCode).toBe(202);
    // The body is written as JSON on the thread: the same bytes and type as the route's serializer would send.
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe(JSON.stringify({ received: 300, stored: 300, duplicates: 0, ids: events.map((e) => e.id) }));
    const again = await batch({ events: events.slice(0, 10) });
    expect(again.json()).toMatchObject({ received: 10, stored: 0, duplicates: 10 });
    expect(here.calls).toBe(0);
    expect(await server.engine.store.events.count()).toBe(300);
    // Stamped with the serving engine's clock (a test's, from TEST_NOW), not one of the thread's own.
    const stored = await server.engine.store.events.allForCustomer('c-1');
    expect(stored.every((e) => e.receivedAt >= before && e.receivedAt <= after)).toBe(true);
    const metrics = await server.app.inject({ url: '/metrics', headers: headers(server.keys.admin) });
    expect(metrics.body).toMatch(/daogou_events_received_total 310/);
  });

  it('stores concurrent batches, each whole', async () => {
    const before = await server.engine.store.events.count();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, b) =>
        batch({ events: Array.from({ length: 50 }, (_, i) => view(1000 + b * 50 + i)) }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(202));
    expect(await server.engine.store.events.count()).toBe(before + 300);
  });

  it('names the bad record in a 400 problem and stores none of the batch', async () => {
    const before = await server.engine.store.events.count();
    const events = Array.from({ length: 20 }, (_, i) => view(2000 + i));
    events[12] = { ...events[12]!, type: 'teleport' };
    const res = await batch({ events });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: 'urn:daogou:problem:validation',
      status: 400,
      instance: '/v1/events/batch',
    });
    expect(res.json().errors).toContainEqual(expect.objectContaining({ index: 12, field: 'type' }));
    const rule = await batch({ events: [view(3000), view(3001, { timestamp: '2030-01-01T00:00:00Z' })] });
    expect(rule.statusCode).toBe(400);
    expect(rule.json().errors[0]).toMatchObject({ index: 1, field: 'timestamp' });
    const strict = await batch({ events: [view(3002), view(3003, { itemId: 'NOPE' })] }, undefined, '?strict=true');
    expect(strict.statusCode).toBe(400);
    expect(strict.json().errors).toEqual([{ index: 1, field: 'itemId', message: 'unknown item "NOPE" (strict mode)' }]);
    expect(await server.engine.store.events.count()).toBe(before);
    expect(here.calls).toBe(0);
  });

  it('answers malformed JSON, a poisoned prototype, deep nesting and an empty batch as the parser does', async () => {
    const malformed = await batch('{"events": [');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ type: 'urn:daogou:problem:malformed-json' });
    const poisoned = await batch('{"events": [{"type": "view", "customerId": "c", "__proto__": {"x": 1}}]}');
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json()).toMatchObject({ type: 'urn:daogou:problem:malformed-json' });
    const deep = await batch(
      `{"events": [{"type": "view", "customerId": "c", "properties": ${'['.repeat(40)}${']'.repeat(40)}}]}`,
    );
    expect(deep.statusCode).toBe(400);
    expect(deep.json().errors[0]).toMatchObject({ field: '(body)' });
    const empty = await batch({ events: [] });
    expect(empty.statusCode).toBe(400);
    const none = await server.app.inject({
      method: 'POST',
      url: '/v1/events/batch',
      headers: headers(server.keys.ingest),
    });
    expect(none.statusCode).toBe(400);
  });

  it('refuses too large a body with 413 before it reaches the thread', async () => {
    const events = Array.from({ length: 2000 }, (_, i) => view(i, { properties: { note: 'x'.repeat(100) } }));
    const res = await batch({ events });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ type: 'urn:daogou:problem:body-too-large' });
  });

  it('refuses an erased customer’s ids on the thread, exactly', async () => {
    await batch({ events: [view(4000, { customerId: 'gone-1', anonymousId: 'gone-anon' })] });
    await server.engine.identities.merge({ anonymousId: 'gone-anon', customerId: 'gone-1' });
    await server.engine.privacy.erase('gone-1');
    const res = await batch({
      events: [
        view(4001),
        view(4002, { customerId: 'gone-1' }),
        view(4003, { anonymousId: 'gone-anon', customerId: 'c-ok' }),
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { index: 1, field: 'customerId', message: 'belongs to an erased customer and cannot be used again' },
      { index: 2, field: 'anonymousId', message: 'belongs to an erased customer and cannot be used again' },
    ]);
    // A near-miss id is not erased.
    expect((await batch({ events: [view(4004, { customerId: 'gone-10' })] })).statusCode).toBe(202);
    expect(here.calls).toBe(0);
  });

  it('keeps a browser key’s batch on the serving thread, with its rules', async () => {
    const res = await batch({ events: [{ type: 'view', anonymousId: 'a-1', itemId: 'SKU-1' }] }, server.keys.public);
    expect(res.statusCode).toBe(202);
    const refused = await batch(
      { events: [{ type: 'purchase', anonymousId: 'a-1', itemId: 'SKU-1', quantity: 1 }] },
      server.keys.public,
    );
    expect(refused.statusCode).toBe(400);
    expect(here.calls).toBe(1);
  });
});

describe('the ingest thread on sqlite', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
  });
  afterAll(async () => server?.close());

  it('is not used: batches are stored on the serving thread, by its one connection', async () => {
    const here = countTracks(server);
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/events/batch',
      headers: { authorization: `Bearer ${server.keys.ingest}` },
      payload: { events: [view(1), view(2)] },
    });
    expect(res.statusCode).toBe(202);
    expect(here.calls).toBe(1);
    const bad = await server.app.inject({
      method: 'POST',
      url: '/v1/events/batch',
      headers: { authorization: `Bearer ${server.keys.ingest}` },
      payload: { events: [view(3), { ...view(4), type: 'teleport' }] },
    });
    expect(bad.json().errors).toContainEqual(expect.objectContaining({ index: 1, field: 'type' }));
  });
});

describe('errors crossing from the thread', () => {
  it('come back as the error the serving thread would have thrown', () => {
    const validation = fromWire(toWire(new ValidationError([{ index: 3, field: 'type', message: 'bad' }])));
    expect(validation).toBeInstanceOf(ValidationError);
    expect((validation as ValidationError).issues).toEqual([{ index: 3, field: 'type', message: 'bad' }]);
    expect(fromWire(toWire(new StorageUnavailableError('down')))).toBeInstanceOf(StorageUnavailableError);
    const parser = Object.assign(new Error('Body is not valid JSON'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(fromWire(toWire(parser))).toMatchObject({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
    expect(fromWire(toWire(new TypeError('boom'))).message).toMatch(/^the ingest thread failed: TypeError: boom/);
  });
});
