/** Every kind of bad input gets a problem+json naming the record and field, and stores nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`bad input on ${kind.name}`, () => {
    let server: TestServer;
    let headers: Record<string, string>;
    const good = (id: string) => ({ id, type: 'view', customerId: 'c1', itemId: 'SKU-1' });
    const post = (url: string, payload: unknown) =>
      server.app.inject({ method: 'POST', url, headers, payload: payload as object });

    async function expectNothingStored(): Promise<void> {
      expect(await server.engine.store.events.count()).toBe(0);
    }

    beforeAll(async () => {
      server = await startTestServer(kind, { bodyLimitBytes: 64 * 1024 });
      headers = { authorization: `Bearer ${server.keys.ingest}`, 'content-type': 'application/json' };
      await server.engine.items.upsert([{ id: 'SKU-1', title: 'Known item' }]);
    });
    afterAll(async () => server?.close());

    it('malformed JSON', async () => {
      const res = await server.app.inject({ method: 'POST', url: '/v1/events', headers, payload: '{"type": "view",' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        type: 'urn:daogou:problem:malformed-json',
        status: 400,
        instance: '/v1/events',
      });
      await expectNothingStored();
    });

    it('a missing field, named', async () => {
      const res = await post('/v1/events', { customerId: 'c1', itemId: 'SKU-1' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toContainEqual({ field: 'type', message: 'is required' });
    });

    it('a wrong-typed field, named', async () => {
      const res = await post('/v1/events', { ...good('x'), quantity: 'three' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'quantity' })]);
    });

    it('an unknown event type', async () => {
      const res = await post('/v1/events', { ...good('x'), type: 'teleport' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'type', message: 'unknown event type "teleport"' }]);
      const custom = await post('/v1/events', { ...good('custom-ok'), type: 'custom:newsletter_signup' });
      expect(custom.statusCode).toBe(202);
      await server.engine.store.db.deleteFrom('events').execute();
    });

    it('a negative quantity', async () => {
      const res = await post('/v1/events', { ...good('x'), type: 'purchase', quantity: -2 });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'quantity', message: expect.stringMatching(/greater or equal to 0/) }),
      ]);
    });

    it('a timestamp far in the future', async () => {
      const res = await post('/v1/events', { ...good('x'), timestamp: '2999-01-01T00:00:00Z' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'timestamp', message: expect.stringMatching(/in the future/) }),
      ]);
    });

    it('a field that depends on the type', async () => {
      const res = await post('/v1/events', { type: 'search', customerId: 'c1' });
      expect(res.json().errors).toEqual([{ field: 'query', message: 'is required for search events' }]);
      const who = await post('/v1/events', { type: 'view', itemId: 'SKU-1' });
      expect(who.json().errors).toEqual([{ field: 'customerId', message: 'customerId or anonymousId is required' }]);
    });

    it('an unknown field', async () => {
      const res = await post('/v1/events', { ...good('x'), colour: 'red' });
      expect(res.json().errors).toEqual([{ field: 'colour', message: 'is not a known field' }]);
    });

    it('an oversized body', async () => {
      const events = Array.from({ length: 2000 }, (_, i) => good(`big-${i}`));
      const res = await post('/v1/events/batch', { events });
      expect(res.statusCode).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ type: 'urn:daogou:problem:body-too-large', status: 413 });
      await expectNothingStored();
    });

    it('too many records in one batch', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/items/batch',
        headers,
        payload: { items: Array.from({ length: 10_001 }, (_, i) => ({ id: `${i}`, title: 't' })) },
      });
      // The body limit of this test server is small, so either limit may answer first; both are problems.
      expect([400, 413]).toContain(res.statusCode);
    });

    it('an unknown item in strict mode', async () => {
      const res = await post('/v1/events/batch?strict=true', {
        events: [good('s1'), { ...good('s2'), itemId: 'NOPE' }],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ index: 1, field: 'itemId', message: 'unknown item "NOPE" (strict mode)' }]);
      await expectNothingStored();
      const lenient = await post('/v1/events', { ...good('lenient'), itemId: 'NOPE' });
      expect(lenient.statusCode).toBe(202);
      await server.engine.store.db.deleteFrom('events').execute();
    });

    it('a batch with invalid records names each one and stores nothing', async () => {
      const events = [
        good('ok-1'),
        { ...good('bad-1'), quantity: -1 },
        good('ok-2'),
        { ...good('bad-2'), type: 'nope' },
        { ...good('bad-3'), timestamp: '2999-01-01T00:00:00Z' },
      ];
      const res = await post('/v1/events/batch', { events });
      expect(res.statusCode).toBe(400);
      const errors = res.json().errors as { index: number; field: string }[];
      expect(errors.map((e) => [e.index, e.field])).toEqual([
        [1, 'quantity'],
        [3, 'type'],
      ]);
      await expectNothingStored();
      // Schema-valid records are then checked for rules: the future timestamp is reported by index too.
      const rules = await post('/v1/events/batch', {
        events: [good('ok-1'), { ...good('bad-3'), timestamp: '2999-01-01T00:00:00Z' }],
      });
      expect(rules.json().errors).toEqual([expect.objectContaining({ index: 1, field: 'timestamp' })]);
      await expectNothingStored();
    });

    it('an invalid item in a batch stores no item', async () => {
      const res = await post('/v1/items/batch', {
        items: [
          { id: 'ok', title: 'fine' },
          { id: 'bad', title: '', price: -1 },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ index: 1, field: 'title' }),
          expect.objectContaining({ index: 1, field: 'price' }),
        ]),
      );
      expect(await server.engine.store.items.get('ok')).toBeUndefined();
    });

    it('a bad query parameter', async () => {
      const res = await server.app.inject({ url: '/v1/items?limit=0', headers });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'querystring.limit' })]);
    });

    it('a crash in the middle of a batch leaves no partial batch', async () => {
      // A listener failure cannot undo a commit, so simulate the crash inside the transaction instead.
      const before = await server.engine.store.events.count();
      await expect(
        server.engine.store.transaction(async (repos) => {
          await server.engine.events.track([good('crash-1'), good('crash-2')], {}, repos);
          throw new Error('process died');
        }),
      ).rejects.toThrow('process died');
      expect(await server.engine.store.events.count()).toBe(before);
    });
  });
}
