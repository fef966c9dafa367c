/** Identity merges from browsers: the public key needs the merchant server's signature of the customer id. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentitySecret, signCustomerId } from '../../src/platform/identity-secret.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`signed identity merges on ${kind.name}`, () => {
    let server: TestServer;
    let secret: string;
    const merge = (payload: object, key: string) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/identities/merge',
        headers: { authorization: `Bearer ${key}` },
        payload,
      });

    beforeAll(async () => {
      server = await startTestServer(kind);
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
      const other = new IdentitySecret(server.engine.store, null);
      expect(await other.get()).toBe(secret);
      expect(await new IdentitySecret(server.engine.store, 'configured-secret-0123').get()).toBe(
        'configured-secret-0123',
      );
    });

    it('lets a browser key merge with a valid signature, and refuses it without one or with a wrong one', async () => {
      const missing = await merge({ anonymousId: 'anon-1', customerId: 'C1' }, server.keys.public);
      expect(missing.statusCode).toBe(403);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(missing.json().detail).toMatch(/signature/);

      const forged = signCustomerId(secret, 'C2');
      const wrong = await merge({ anonymousId: 'anon-1', customerId: 'C1', signature: forged }, server.keys.public);
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().detail).toMatch(/does not match/);

      const malformed = await merge({ anonymousId: 'anon-1', customerId: 'C1', signature: 'abc' }, server.keys.public);
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().errors[0].field).toBe('signature');

      const signed = signCustomerId(secret, 'C1');
      const ok = await merge(
        { anonymousId: 'anon-1', customerId: 'C1', signature: signed.toUpperCase() },
        server.keys.public,
      );
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ anonymousId: 'anon-1', customerId: 'C1', eventsAttributed: 1 });
    });

    it('keeps the signature optional for secret keys, but checks one that is sent', async () => {
      const plain = await merge({ anonymousId: 'anon-2', customerId: 'C3' }, server.keys.ingest);
      expect(plain.statusCode).toBe(200);
      const wrong = await merge(
        { anonymousId: 'anon-3', customerId: 'C3', signature: signCustomerId('another secret', 'C3') },
        server.keys.admin,
      );
      expect(wrong.statusCode).toBe(403);
      const right = await merge(
        { anonymousId: 'anon-3', customerId: 'C3', signature: signCustomerId(secret, 'C3') },
        server.keys.admin,
      );
      expect(right.statusCode).toBe(200);
    });

    it('signs with DAOGOU_IDENTITY_SECRET when it is configured', async () => {
      const configured = await startTestServer(kind, { identitySecret: 'a-merchant-chosen-secret' });
      try {
        const res = await configured.app.inject({
          method: 'POST',
          url: '/v1/identities/merge',
          headers: { authorization: `Bearer ${configured.keys.public}` },
          payload: {
            anonymousId: 'anon-9',
            customerId: 'C9',
            signature: signCustomerId('a-merchant-chosen-secret', 'C9'),
          },
        });
        expect(res.statusCode).toBe(200);
      } finally {
        await configured.close();
      }
    });
  });
}
