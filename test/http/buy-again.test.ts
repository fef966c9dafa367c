/** "Buy again": purchases that customers re-buy stay in personal lists despite excludePurchased; others do not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../src/domain/index.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 5, 1);

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`buy again on ${kind.name}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer(kind);
      const ids = ['coffee', 'mug', 'filter', 'grinder', 'kettle', 'scale', 'tin', 'spoon'];
      await server.engine.items.upsert(ids.map((id) => ({ id, title: id, price: 10 })));
      const events: EventInput[] = [];
      const buy = (customerId: string, itemId: string, day: number, orderId: string) =>
        events.push({
          type: 'purchase',
          customerId,
          itemId,
          orderId,
          timestamp: new Date(START + day * DAY).toISOString(),
        });
      // 30 customers: coffee with a mug or a grinder, then coffee again three weeks later (half of them).
      for (let c = 0; c < 30; c++) {
        const who = `c${c}`;
        buy(who, 'coffee', c % 5, `o${c}a`);
        buy(who, c % 2 ? 'mug' : 'grinder', c % 5, `o${c}a`);
        buy(who, ids[2 + (c % 6)]!, 1 + (c % 5), `o${c}b`);
        if (c % 2 === 0) buy(who, 'coffee', 21 + (c % 5), `o${c}c`);
      }
      await server.engine.events.track(events, { strict: false });
      await server.engine.recommendations.train();
    }, 120_000);
    afterAll(async () => server?.close());

    it('offers a re-bought staple again with a buy-again reason and leaves one-off purchases out', async () => {
      // A browser key reads a customer's personal list only with the token the shop's server issued for them.
      const { token } = await server.engine.identitySecret.issueToken('c1', 3600);
      const res = await server.app.inject({
        url: '/v1/recommendations/customers/c1?k=8&excludeSeenDays=0',
        headers: { authorization: `Bearer ${server.keys.public}`, 'x-customer-token': token },
      });
      expect(res.statusCode).toBe(200);
      const items = res.json<{ items: { id: string; reasons: { type: string }[] }[] }>().items;
      const coffee = items.find((r) => r.id === 'coffee');
      expect(coffee?.reasons.map((r) => r.type)).toEqual(['buy-again']);
      // c1 bought a mug once; mugs are not re-bought, so excludePurchased still leaves it out.
      expect(items.map((r) => r.id)).not.toContain('mug');
    });
  });
}
