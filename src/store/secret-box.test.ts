/**
 * Connector credentials sealed with DAOGOU_SECRET_KEY (AES-256-GCM), on both engines: rows written before a
 * key was set are sealed on the next open with one, a store without the key (or with another) refuses them
 * with a clear error, and nothing of the plaintext is left in the table.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { allDatabaseKinds } from '../../test/helpers/databases.js';
import type { ConnectorRecord } from './repositories/connector-repository.js';
import { SecretBox } from './secret-box.js';
import { Store } from './store.js';

const KEY = 'a'.repeat(64);
const OTHER = Buffer.alloc(32, 7).toString('base64');

const connector: ConnectorRecord = {
  id: 'conn-1',
  platform: 'shopify',
  name: 'Shop',
  baseUrl: 'https://shop.example',
  credentials: { accessToken: 'shpat_secret_token' },
  webhookSecret: 'whsec_secret',
  sync: { state: 'never', startedAt: null, finishedAt: null, counts: {}, phase: null, errors: [] },
  createdAt: 1,
  updatedAt: 1,
};

describe('SecretBox', () => {
  it('seals with a fresh IV each time, opens with its key only, and refuses a short key', () => {
    const box = new SecretBox(KEY);
    const a = box.seal('hello');
    expect(a).toMatch(/^enc:v1:/);
    expect(box.seal('hello')).not.toBe(a);
    expect(box.open(a)).toBe('hello');
    expect(() => new SecretBox(OTHER).open(a)).toThrow(/does not open with DAOGOU_SECRET_KEY/);
    expect(() => new SecretBox('abcd')).toThrow(/32 bytes/);
  });
});

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`sealed connector credentials on ${kind.name}`, () => {
    it('seals plaintext rows on an open with the key, and refuses to read them without it', async () => {
      const database = await kind.create();
      try {
        const plain = await Store.open(database.url);
        await plain.connectors.insert(connector);
        await plain.close();

        const keyed = await Store.open(database.url, { secretKey: KEY });
        expect(await keyed.connectors.sealPlaintext()).toBe(1);
        expect(await keyed.connectors.sealPlaintext()).toBe(0);
        const { rows } = await sql<{ credentials: string; webhook_secret: string }>`
          select credentials, webhook_secret from connectors`.execute(keyed.db);
        expect(rows[0]!.credentials).toMatch(/^enc:v1:/);
        expect(Object.values(rows[0]!).join(' ')).not.toContain('secret');
        expect(await keyed.connectors.get('conn-1')).toEqual(connector);
        await keyed.connectors.insert({ ...connector, id: 'conn-2' });
        expect((await keyed.connectors.list()).map((c) => c.credentials.accessToken)).toEqual([
          'shpat_secret_token',
          'shpat_secret_token',
        ]);
        await keyed.close();

        const without = await Store.open(database.url);
        await expect(without.connectors.get('conn-1')).rejects.toThrow(/set DAOGOU_SECRET_KEY/);
        await without.close();
        const wrong = await Store.open(database.url, { secretKey: OTHER });
        await expect(wrong.connectors.list()).rejects.toThrow(/does not open with DAOGOU_SECRET_KEY/);
        await wrong.close();
      } finally {
        await database.cleanup();
      }
    });
  });
}
