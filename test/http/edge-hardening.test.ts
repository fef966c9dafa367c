/**
 * The edge of the server (issue 12, points 4 and 8): rate limits that neither a forwarded-for header nor
 * a made-up key can dodge, security headers on the pages, every error as problem+json (also those Node
 * and the router answer), conflicting event ids answered, script URLs refused, metrics and docs configurable.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

const NOW = Date.UTC(2026, 5, 1);
const clock = () => NOW;

describe('rate limits at the edge', () => {
  let server: TestServer;
  const call = (headers: Record<string, string>, remoteAddress = '203.0.113.7') =>
    server.app.inject({ url: '/v1/recommendations/trending', headers, remoteAddress });

  afterAll(async () => server?.close());

  it('ignores X-Forwarded-For unless it comes from a configured proxy', async () => {
    server = await startTestServer(sqliteKind(), { rateLimitPublicMax: 2, rateLimitMax: 1000 }, clock);
    const key = { authorization: `Bearer ${server.keys.public}` };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call({ ...key, 'x-forwarded-for': `10.0.0.${i}` })).statusCode);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('gives unknown bearer values the anonymous per-address budget, not a secret key’s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call({ authorization: `Bearer made-up-${i}` }, '198.51.100.1')).statusCode);
    expect(statuses).toEqual([401, 401, 429]);
    // A real secret key keeps its own budget from the same address.
    expect((await call({ authorization: `Bearer ${server.keys.ingest}` }, '198.51.100.1')).statusCode).toBe(200);
  });

  it('believes X-Forwarded-For from a configured proxy', async () => {
    const proxied = await startTestServer(
      sqliteKind(),
      { rateLimitPublicMax: 1, trustedProxies: ['192.0.2.10'] },
      clock,
    );
    try {
      const via = (client: string) =>
        proxied.app.inject({
          url: '/v1/recommendations/trending',
          headers: { authorization: `Bearer ${proxied.keys.public}`, 'x-forwarded-for': client },
          remoteAddress: '192.0.2.10',
        });
      expect((await via('1.1.1.1')).statusCode).toBe(200);
      expect((await via('1.1.1.1')).statusCode).toBe(429);
      expect((await via('2.2.2.2')).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('answers at the edge', () => {
  let server: TestServer;
  let dir: string;
  const admin = () => ({ authorization: `Bearer ${server.keys.admin}` });

  beforeAll(async () => {
    server = await startTestServer(sqliteKind(), {}, clock);
    dir = mkdtempSync(path.join(tmpdir(), 'daogou-edge-'));
    for (const page of ['store', 'console']) {
      mkdirSync(path.join(dir, page));
      writeFileSync(path.join(dir, page, 'index.html'), `<!doctype html><title>${page}</title>`);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a CSP, frame denial and nosniff with the store and console pages', async () => {
    const app = await buildApp(server.engine, { web: { dir } });
    try {
      for (const url of ['/store/', '/console/', '/store/item/x']) {
        const res = await app.inject({ url });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      expect((await app.inject({ url: '/health' })).headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await app.close();
    }
  });

  it('answers 414 and 431 as problem+json', async () => {
    const app = await buildApp(server.engine, { web: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const long = await fetch(`${base}/v1/items/${'a'.repeat(500)}`);
      expect(long.status).toBe(414);
      expect(long.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await long.json()).toMatchObject({ status: 414, type: 'urn:daogou:problem:uri-too-long' });
      const huge = await fetch(`${base}/health`, { headers: { 'x-filler': 'b'.repeat(20_000) } });
      expect(huge.status).toBe(431);
      expect(huge.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await huge.json()).toMatchObject({ status: 431, type: 'urn:daogou:problem:headers-too-large' });
    } finally {
      await app.close();
    }
  });

  it('answers a batch that reuses an event id with different contents, naming the event', async () => {
    const post = (events: object[]) =>
      server.app.inject({ method: 'POST', url: '/v1/events/batch', headers: admin(), payload: { events } });
    const view = { id: 'dup-1', type: 'view', anonymousId: 'a', itemId: 'i1' };
    const res = await post([view, { ...view, itemId: 'i2' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ index: 1, field: 'id' });
    expect(await server.engine.store.events.getByIds(['dup-1'])).toHaveLength(0);
    // The same event twice (in any key order) is a plain duplicate.
    const same = await post([view, { itemId: 'i1', anonymousId: 'a', type: 'view', id: 'dup-1' }]);
    expect(same.json()).toMatchObject({ stored: 1, duplicates: 1 });
  });

  it('refuses item images that are not http(s) URLs or paths', async () => {
    const put = (images: string[]) =>
      server.app.inject({ method: 'PUT', url: '/v1/items/img-1', headers: admin(), payload: { title: 'T', images } });
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>x</script>',
      ' javascript:x',
    ]) {
      const res = await put([bad]);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('images.0');
    }
    expect((await put(['https://cdn.example.com/a.jpg', '/demo/images/a.svg'])).statusCode).toBeLessThan(300);
  });

  it('keeps /metrics behind an admin key by default, and can turn it and /docs off or open', async () => {
    expect((await server.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const pub = await server.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${server.keys.public}` },
    });
    expect(pub.statusCode).toBe(403);
    expect((await server.app.inject({ url: '/metrics', headers: admin() })).statusCode).toBe(200);
    expect((await server.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);

    const closed = await buildApp(
      { ...server.engine, config: { ...server.engine.config, metrics: 'off', docs: false } },
      {
        web: false,
      },
    );
    expect((await closed.inject({ url: '/metrics', headers: admin() })).statusCode).toBe(404);
    expect((await closed.inject({ url: '/docs' })).statusCode).toBe(404);
    expect((await closed.inject({ url: '/openapi.json' })).statusCode).toBe(404);
    await closed.close();
    const open = await buildApp(
      { ...server.engine, config: { ...server.engine.config, metrics: 'open' } },
      { web: false },
    );
    expect((await open.inject({ url: '/metrics' })).statusCode).toBe(200);
    await open.close();
  });
});
