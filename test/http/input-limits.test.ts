/**
 * Input that used to be accepted and then broke the server (issue 12, point 7): deep nesting, huge
 * rules and NUL characters are refused at the door with 400, the same on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

const NOW = Date.UTC(2026, 5, 1);

// Written as text: building and stringifying 10,000 nested objects would overflow the test's own stack.
const nested = (depth: number): string => `${'{"d":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`input limits on ${kind.name}`, () => {
    let server: TestServer;
    const admin = () => ({ authorization: `Bearer ${server.keys.admin}`, 'content-type': 'application/json' });
    const send = (method: 'PUT' | 'POST', url: string, body: string) =>
      server.app.inject({ method, url, headers: admin(), payload: body });

    beforeAll(async () => {
      server = await startTestServer(kind, {}, () => NOW);
    }, 60_000);
    afterAll(async () => server?.close());

    it('refuses deeply nested JSON with 400, and the customer list keeps working', async () => {
      for (const depth of [1_000, 10_000]) {
        const res = await send('PUT', '/v1/customers/deep', `{"traits":${nested(depth)}}`);
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json().detail).toMatch(/levels deep/);
      }
      expect((await send('PUT', '/v1/customers/shallow', `{"traits":${nested(20)}}`)).statusCode).toBeLessThan(300);
      const list = await server.app.inject({ url: '/v1/customers?q=_', headers: admin() });
      expect(list.statusCode).toBe(200);
      expect((await server.app.inject({ url: '/v1/customers/deep', headers: admin() })).statusCode).toBe(404);
    });

    it('refuses a segment rule nested too deeply with 400 instead of overflowing the stack', async () => {
      const rule = `${'('.repeat(2000)}orders > 1${')'.repeat(2000)}`;
      const res = await send('POST', '/v1/segments/preview', JSON.stringify({ rule: rule.slice(0, 4000) }));
      expect(res.statusCode).toBe(400);
      const nots = await send('POST', '/v1/segments/preview', JSON.stringify({ rule: `${'not '.repeat(900)}true` }));
      expect(nots.statusCode).toBe(400);
      expect(nots.json().detail).toMatch(/nests more than/);
      const fine = await send('POST', '/v1/segments/preview', JSON.stringify({ rule: '((orders > 1))' }));
      expect(fine.statusCode).toBe(200);
    });

    it('refuses NUL characters in text and in URLs with 400, storing nothing', async () => {
      const item = await send('PUT', '/v1/items/nul-item', JSON.stringify({ title: 'a\u0000b' }));
      expect(item.statusCode).toBe(400);
      expect(item.json().detail).toMatch(/NUL/);
      expect((await server.app.inject({ url: '/v1/items/nul-item', headers: admin() })).statusCode).toBe(404);
      const event = await send(
        'POST',
        '/v1/events',
        JSON.stringify({ type: 'search', anonymousId: 'a', query: 'x\u0000' }),
      );
      expect(event.statusCode).toBe(400);
      for (const url of ['/v1/items?after=%00', '/v1/items/%00', '/v1/customers?q=a%00b', '/v1/search?q=%00']) {
        const res = await server.app.inject({ url, headers: admin() });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });
}
