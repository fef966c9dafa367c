/**
 * GDPR erasure leaves nothing that links back (issue 12, point 5): every table of the schema is covered,
 * no row or stored model holds the customer's or their anonymous ids afterwards, the stand-in is random,
 * and the ids are refused from then on. On both engines.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds } from '../helpers/databases.js';
import { loadSmallStore } from '../helpers/small-store.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

const NOW = Date.UTC(2026, 10, 1, 12);
const WHO = 'erase-me-7f3a';
const ANON = 'anon-erase-me-7f3a';
const ORDER = 'order-erase-me-7f3a';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`erasure on ${kind.name}`, () => {
    let server: TestServer;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });

    /** Every table of this store's schema, as the database itself lists them. */
    const tables = async (): Promise<string[]> => {
      const db = server.engine.store.db;
      const schema =
        kind.name === 'postgres'
          ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
          : null;
      // A partition (PostgreSQL's month tables of events, migration 016) is storage of its parent table, whose
      // rows it holds and through which it is read here.
      const partitions =
        kind.name === 'postgres'
          ? new Set(
              (
                await sql<{
                  name: string;
                }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid`.execute(db)
              ).rows.map((r) => r.name),
            )
          : new Set<string>();
      return (await db.introspection.getTables())
        .filter((t) => !t.isView && (schema === null || t.schema === schema) && !partitions.has(t.name))
        .map((t) => t.name)
        .sort();
    };
    /** Tables with a row whose text or bytes hold one of the ids. */
    const tablesMentioning = async (ids: string[]): Promise<string[]> => {
      const found: string[] = [];
      for (const table of await tables()) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
          server.engine.store.db,
        );
        const text = rows.rows
          .map((row) =>
            Object.values(row)
              .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : JSON.stringify(v)))
              .join('\u0001'),
          )
          .join('\n');
        if (ids.some((id) => text.includes(id))) found.push(table);
      }
      return found;
    };

    beforeAll(async () => {
      server = await startTestServer(kind, {}, () => NOW);
      await loadSmallStore(server.engine);
      const items = (await server.engine.store.items.list({ limit: 8 })).map((i) => i.id);
      await server.engine.events.track([
        ...items.map((itemId, n) => ({ type: 'view' as const, anonymousId: ANON, itemId, timestamp: NOW - 9_000 + n })),
        { type: 'purchase', customerId: WHO, itemId: items[0]!, price: 10, orderId: ORDER, timestamp: NOW - 500 },
      ]);
      // A purchase past a year's retention: its raw event is dropped and its daily rollup names the customer.
      await server.engine.events.track([
        { type: 'purchase', customerId: WHO, itemId: items[1]!, price: 4, timestamp: NOW - 400 * 86_400_000 },
      ]);
      expect((await server.engine.eventRetention.prune(365))?.rows).toBe(1);
      await server.engine.identities.merge({ anonymousId: ANON, customerId: WHO });
      await server.engine.customers.upsert([{ id: WHO, traits: { name: 'Erin Example' } }]);
      await server.engine.recommendations.train();
      // Lists served to the customer and to their anonymous id land in the recommendation log.
      await server.app.inject({ url: `/v1/recommendations/customers/${WHO}`, headers: auth(server.keys.ingest) });
      await server.app.inject({
        method: 'POST',
        url: '/v1/recommendations/session',
        headers: auth(server.keys.public),
        payload: { itemIds: [items[1]], anonymousId: ANON },
      });
      // The shopper asks the assistant something it cannot answer, and the merchant keeps it as an example.
      const asked = await server.app.inject({
        method: 'POST',
        url: '/v1/assistant/messages',
        headers: auth(server.keys.public),
        payload: { text: 'tell me a joke', anonymousId: ANON },
      });
      expect(asked.statusCode, asked.body).toBe(200);
      const [question] = await server.engine.store.assistantReview.turns({ limit: 1 });
      await server.engine.assistantReview.addExample({
        text: 'tell me a joke',
        intent: 'out_of_scope',
        turnIds: [question!.id],
      });
      await server.engine.recommendations.close();
      await server.engine.customerAnalytics.profiles.catchUp();
    }, 180_000);
    afterAll(async () => server?.close());

    it('covers every table of the schema: a new table fails here until it is registered for erasure', async () => {
      expect(await tables()).toEqual([...server.engine.privacy.registry.tableNames()].sort());
    });

    it('leaves no row and no stored model that holds the ids, with a random stand-in', async () => {
      expect(await tablesMentioning([WHO, ANON, ORDER])).toEqual(
        expect.arrayContaining([
          'customers',
          'events',
          'event_rollups',
          'identities',
          'recommendation_log',
          'model_artifacts',
          'assistant_sessions',
          'assistant_turns',
          'assistant_examples',
        ]),
      );
      const res = await server.app.inject({
        method: 'DELETE',
        url: `/v1/customers/${WHO}`,
        headers: auth(server.keys.admin),
      });
      expect(res.statusCode).toBe(200);
      await server.engine.recommendations.close();
      expect(await tablesMentioning([WHO, ANON, ORDER])).toEqual([]);
      // The kept events carry a random stand-in, not a hash anyone could recompute from the id.
      const kept = (await server.engine.store.events.scan(0, 1_000_000)).filter((e) =>
        e.anonymousId?.startsWith('erased-'),
      );
      expect(kept.length).toBeGreaterThan(0);
      expect(kept[0]!.anonymousId).toMatch(/^erased-[0-9a-f-]{36}$/);
      expect(kept.every((e) => e.orderId === null && e.recommendationId === null)).toBe(true);
    });

    it('refuses the erased ids afterwards and never logs them again', async () => {
      const track = await server.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: auth(server.keys.public),
        payload: { type: 'view', anonymousId: ANON, itemId: 'x' },
      });
      expect(track.statusCode).toBe(400);
      expect(track.json().errors[0]).toMatchObject({ field: 'anonymousId' });
      const merge = await server.app.inject({
        method: 'POST',
        url: '/v1/identities/merge',
        headers: auth(server.keys.ingest),
        payload: { anonymousId: 'fresh-anon', customerId: WHO },
      });
      expect(merge.statusCode).toBe(400);
      const recs = await server.app.inject({
        url: `/v1/recommendations/customers/${WHO}`,
        headers: auth(server.keys.ingest),
      });
      expect(recs.statusCode).toBe(200);
      expect(recs.headers['daogou-personalised']).toBe('false');
      await server.app.inject({ url: `/v1/search?q=a&customerId=${WHO}`, headers: auth(server.keys.ingest) });
      await server.engine.search.flushLogs();
      await server.engine.recommendations.close();
      expect(await tablesMentioning([WHO, ANON])).toEqual([]);
    });
  });
}
