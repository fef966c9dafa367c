/** Identity merges from browsers: the public key needs the merchant server's signature of the pair and a time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentitySecret } from '../../src/platform/identity-secret.js';
import { signMerge } from '../../src/platform/signatures.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`signed identity merges on ${kind.name}`, () => {
    let server: TestServer;
    let secret: string;
    const NOW = Date.parse('2026-03-01T12:00:00Z');
    const clock = () => NOW;
    const pair = (s: string, customerId: string, anonymousId: string, signedAt = NOW - 1000) => ({
      anonymousId,
      customerId,
      signedAt,
      signature: signMerge(s, customerId, anonymousId, signedAt),
    });
    const merge = (payload: object, key: string) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/identities/merge',
        headers: { authorization: `Bearer ${key}` },
        payload,
      });

    beforeAll(async () => {
      server = await startTestServer(kind, {}, clock);
      secret = await server.engine.identitySecret.get();
      await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${server.keys.public}` },
        payload: { type: 'view', anonymousId: 'anon-1', itemId: 'i1' },
      });
    }, 60_000);
    afterAll(async () => server?.close());

    it('generates the secret once and keeps it in the database for every process', async () => {
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const other = new IdentitySecret(server.engine.store, null, clock, 1000);
      expect(await other.get()).toBe(secret);
      expect(await new IdentitySecret(server.engine.store, 'configured-secret-0123', clock, 1000).get()).toBe(
        'configured-secret-0123',
      );
    });

    it('lets a browser key merge with a valid signature, and refuses it without one or with a wrong one', async () => {
      const missing = await merge({ anonymousId: 'anon-1', customerId: 'C1' }, server.keys.public);
      expect(missing.statusCode).toBe(403);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(missing.json().detail).toMatch(/signature/);

      const forged = pair(secret, 'C2', 'anon-1');
      const wrong = await merge({ ...forged, customerId: 'C1' }, server.keys.public);
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().detail).toMatch(/does not match/);

      const malformed = await merge(
        { anonymousId: 'anon-1', customerId: 'C1', signature: 'abc', signedAt: NOW },
        server.keys.public,
      );
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().errors[0].field).toBe('signature');

      const signed = pair(secret, 'C1', 'anon-1');
      const ok = await merge({ ...signed, signature: signed.signature.toUpperCase() }, server.keys.public);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ anonymousId: 'anon-1', customerId: 'C1', eventsAttributed: 1 });
    });

    it("signs the pair: a customer's signed merge cannot move another visitor's anonymous id", async () => {
      await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${server.keys.public}` },
        payload: { type: 'view', anonymousId: 'victim-anon', itemId: 'secret-item' },
      });
      // The attacker's own login gives them a valid signature for their customer and their anonymous id.
      const own = pair(secret, 'C00005', 'attacker-anon');
      const stolen = await merge({ ...own, anonymousId: 'victim-anon' }, server.keys.public);
      expect(stolen.statusCode).toBe(403);
      expect((await server.engine.store.identities.resolve(['victim-anon'])).get('victim-anon')).toBeUndefined();
      // An old signature cannot be replayed later on either.
      const stale = await merge(pair(secret, 'C00005', 'attacker-anon', NOW - 2 * 86_400_000), server.keys.public);
      expect(stale.statusCode).toBe(403);
      expect(stale.json().detail).toMatch(/expired/);
      expect((await merge(own, server.keys.public)).statusCode).toBe(200);
    });

    it('keeps the signature optional for secret keys, but checks one that is sent', async () => {
      const plain = await merge({ anonymousId: 'anon-2', customerId: 'C3' }, server.keys.ingest);
      expect(plain.statusCode).toBe(200);
      const wrong = await merge(pair('another secret', 'C3', 'anon-3'), server.keys.admin);
      expect(wrong.statusCode).toBe(403);
      const right = await merge(pair(secret, 'C3', 'anon-3'), server.keys.admin);
      expect(right.statusCode).toBe(200);
    });

    it('signs with DAOGOU_IDENTITY_SECRET when it is configured', async () => {
      const configured = await startTestServer(kind, { identitySecret: 'a-merchant-chosen-secret' }, clock);
      try {
        const res = await configured.app.inject({
          method: 'POST',
          url: '/v1/identities/merge',
          headers: { authorization: `Bearer ${configured.keys.public}` },
          payload: pair('a-merchant-chosen-secret', 'C9', 'anon-9'),
        });
        expect(res.statusCode).toBe(200);
      } finally {
        await configured.close();
      }
    });
  });
}
