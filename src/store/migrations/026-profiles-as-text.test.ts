import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { allDatabaseKinds, closeTestStore, openTestStore, type TestDatabase } from '../../../test/helpers/databases.js';
import type { Store } from '../store.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`profiles stored as JSON text (migration 026) on ${kind.name}`, () => {
    let database: TestDatabase | undefined;
    let store: Store | undefined;
    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(async () => {
      await closeTestStore(store, database);
    });

    it('reads back the very doubles it wrote, and the column is text', async () => {
      const profile = {
        affinity: { category: { a: 0.1 + 0.2, b: 1e-300, c: 123456789.12345679, d: 2 / 3, e: -0 } },
        orders: 3,
        firstOrder: null,
      };
      await store!.profiles.upsertMany([{ customerId: 'c1', profile, recentOrders: ['o1', 'o2'], updatedAt: 5 }]);
      const read = await store!.profiles.get<typeof profile>('c1');
      expect(read?.profile).toEqual({ ...profile, affinity: { category: { ...profile.affinity.category, e: 0 } } });
      expect(read?.profile.affinity.category.a).toBe(0.1 + 0.2);
      expect(read?.recentOrders).toEqual(['o1', 'o2']);
      if (kind.name === 'postgres') {
        const { rows } = await sql<{ data_type: string }>`select data_type from information_schema.columns
          where table_name = 'customer_profiles' and column_name in ('profile', 'recent_orders')
          and table_schema = current_schema()`.execute(store!.db);
        expect(rows.map((r) => r.data_type)).toEqual(['text', 'text']);
      }
    });
  });
}
