/** Rate limits: the browser key is limited per client address, secret keys per key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(sqliteKind(), { rateLimitPublicMax: 3, rateLimitMax: 5 });
  });
  afterAll(async () => server?.close());

  it('answers 429 problem+json past the limit, per key kind', async () => {
    const track = (key: string) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${key}` },
        payload: { type: 'view', anonymousId: 'a', itemId: 'i' },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await track(server.keys.public)).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const limited = await track(server.keys.public);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, type: 'urn:daogou:problem:rate-limited' });
    // The secret key has its own, larger budget.
    expect((await track(server.keys.ingest)).statusCode).toBe(202);
    // Health checks are never limited.
    for (let i = 0; i < 6; i++) expect((await server.app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});
