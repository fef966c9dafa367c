/** Model artifacts larger than one read slice come back whole and byte for byte, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds, closeTestStore, openTestStore, type TestDatabase } from '../../test/helpers/databases.js';
import type { Store } from './store.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`${kind.name}: model artifacts`, () => {
    let database: TestDatabase | undefined;
    let store: Store | undefined;
    beforeAll(async () => ({ database, store } = await openTestStore(kind)));
    afterAll(() => closeTestStore(store, database));

    it('reads an artifact of several slices (4 MiB each) back whole, then its rewritten bytes', async () => {
      const bytes = new Uint8Array(16 * 1024 * 1024 + 1001);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 12)) & 255;
      await store!.modelArtifacts.save({ id: 'm1', kind: 'test', bytes, metrics: { a: 1 }, eventSeq: 7, trainedAt: 5 });
      const got = await store!.modelArtifacts.get('m1');
      expect(got).toMatchObject({ id: 'm1', kind: 'test', metrics: { a: 1 }, eventSeq: 7, trainedAt: 5 });
      expect(got!.bytes.length).toBe(bytes.length);
      expect(Buffer.compare(Buffer.from(got!.bytes), Buffer.from(bytes))).toBe(0);
      await store!.modelArtifacts.replaceBytes('m1', bytes.subarray(0, 3000));
      expect(Buffer.from((await store!.modelArtifacts.get('m1'))!.bytes)).toEqual(Buffer.from(bytes.subarray(0, 3000)));
      expect(await store!.modelArtifacts.get('missing')).toBeUndefined();
    });
  });
}
