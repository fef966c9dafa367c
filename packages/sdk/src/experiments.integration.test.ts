/** The SDK's experiments API against a real server on SQLite, over a real socket, with a browser key. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind } from '../../../test/helpers/databases.js';
import { startTestServer, type TestServer } from '../../../test/helpers/test-engine.js';
import { createClient, type DaogouClient } from './index.js';

describe('SDK experiments against a real server', () => {
  let server: TestServer;
  let client: DaogouClient;
  let noConsent: DaogouClient;

  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    await server.engine.experiments.create({
      name: 'hero banner',
      surface: 'flag',
      variants: [
        { name: 'off', config: { banner: false } },
        { name: 'on', config: { banner: true } },
      ],
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const apiKey = server.keys.public;
    client = createClient({ baseUrl, apiKey, storage: 'memory', consent: { analytics: true } });
    noConsent = createClient({ baseUrl, apiKey, storage: 'memory' });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await noConsent?.close();
    await server?.close();
  });

  it('reads the visitor’s variant and flags, and records an exposure once', async () => {
    const a = await client.experiments.variant('hero banner');
    expect(['off', 'on']).toContain(a.variant);
    expect(a.config).toEqual({ banner: a.variant === 'on' });
    expect(await client.experiments.all({ surface: 'flag' })).toEqual({ 'hero banner': a });
    const shown = await client.experiments.expose('hero banner');
    expect(shown).toMatchObject({ variant: a.variant, recorded: true });
    expect((await client.experiments.expose('hero banner')).recorded).toBe(false);
    const counts = await server.engine.store.experiments.exposureCounts(a.experimentId);
    expect(counts.get(a.variant!)).toBe(1);
  });

  it('gives the default (no variant, nothing recorded) without analytics consent', async () => {
    expect((await noConsent.experiments.variant('hero banner')).variant).toBeNull();
    expect((await noConsent.experiments.expose('hero banner')).recorded).toBe(false);
    expect(await noConsent.experiments.all()).toEqual({});
  });
});
