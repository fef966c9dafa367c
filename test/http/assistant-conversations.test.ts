/**
 * The scripted conversation suite on the demo store over HTTP (zh and en, single- and multi-turn): every
 * product shown meets every stated constraint, products are shown when the catalogue has a match, none for
 * service and out-of-scope questions. Prints constraint precision and turn success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDemo } from '../../src/engine/demo.js';
import type { Item } from '../../src/domain/index.js';
import { CONVERSATIONS, type TurnExpectation } from '../assistant/conversations.js';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

interface Answer {
  sessionId: string;
  reply: string;
  intent: string;
  slots: Record<string, unknown>;
  items: Item[];
  suggestions: string[];
}

const colourOf = (i: Item): unknown => (i.attributes as Record<string, unknown> | undefined)?.color;

/** The constraint checks of one turn for one item: [name, passed]. */
function checks(t: TurnExpectation, item: Item, before: Item[]): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  const price = item.price ?? Number.NaN;
  if (t.category)
    out.push(['category', item.category === t.category || (item.category ?? '').startsWith(`${t.category}/`)]);
  if (t.colour) out.push(['colour', colourOf(item) === t.colour]);
  if (t.brand) out.push(['brand', item.brand === t.brand]);
  if (t.priceMin !== undefined) out.push(['priceMin', price >= t.priceMin]);
  if (t.priceMax !== undefined) out.push(['priceMax', price <= t.priceMax]);
  if (t.notColour) out.push(['notColour', colourOf(item) !== t.notColour]);
  if (t.cheaperThanBefore && before.length > 0) {
    out.push(['cheaper', price < Math.min(...before.map((b) => b.price ?? Number.POSITIVE_INFINITY))]);
  }
  return out;
}

describe('assistant scripted conversations on the demo store', () => {
  let server: TestServer;
  let catalogue: Item[] = [];
  let buyer: string;

  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    await prepareDemo(server.engine, undefined, { items: 1500, customers: 300, days: 60 });
    const page = await server.app.inject({
      method: 'GET',
      url: '/v1/items?limit=1000',
      headers: { authorization: `Bearer ${server.keys.admin}` },
    });
    catalogue = page.json<{ items: Item[] }>().items;
    const next = await server.app.inject({
      method: 'GET',
      url: `/v1/items?limit=1000&after=${catalogue[catalogue.length - 1]!.id}`,
      headers: { authorization: `Bearer ${server.keys.admin}` },
    });
    catalogue.push(...next.json<{ items: Item[] }>().items);
    const row = await server.engine.store.db
      .selectFrom('events')
      .select('customer_id')
      .where('type', '=', 'purchase')
      .where('customer_id', 'is not', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    buyer = row.customer_id!;
  }, 300_000);
  afterAll(async () => server?.close());

  it('shows only products meeting every stated constraint, and something whenever the catalogue has a match', async () => {
    let pairs = 0;
    let satisfied = 0;
    let turns = 0;
    let succeeded = 0;
    const failures: string[] = [];
    for (const conversation of CONVERSATIONS) {
      let sessionId: string | undefined;
      let before: Item[] = [];
      for (const t of conversation.turns) {
        const body: Record<string, unknown> = { text: t.say };
        if (sessionId) body.sessionId = sessionId;
        if (conversation.asCustomer) body.customerId = buyer;
        const res = await server.app.inject({
          method: 'POST',
          url: '/v1/assistant/messages',
          headers: { authorization: `Bearer ${conversation.asCustomer ? server.keys.admin : server.keys.public}` },
          payload: body,
        });
        expect(res.statusCode, res.body).toBe(200);
        const answer = res.json<Answer>();
        sessionId = answer.sessionId;
        turns++;
        let ok = t.intent.includes(answer.intent);
        for (const item of answer.items) {
          for (const [name, passed] of checks(t, item, before)) {
            pairs++;
            if (passed) satisfied++;
            else {
              ok = false;
              failures.push(`${conversation.name} / "${t.say}": ${item.id} fails ${name}`);
            }
          }
        }
        const probe = { ...t, cheaperThanBefore: false };
        const matchExists = catalogue.some(
          (i) => i.active && (i.stock === null || (i.stock ?? 1) > 0) && checks(probe, i, []).every(([, p]) => p),
        );
        if (t.items === 'none' && answer.items.length > 0) ok = false;
        if (t.items === 'some' && matchExists && answer.items.length === 0) ok = false;
        if (!ok)
          failures.push(`${conversation.name} / "${t.say}": intent ${answer.intent}, ${answer.items.length} items`);
        if (ok) succeeded++;
        if (answer.items.length > 0) before = answer.items;
      }
    }
    const precision = pairs === 0 ? 1 : satisfied / pairs;
    console.log(
      `assistant suite: ${turns} turns in ${CONVERSATIONS.length} conversations; constraint precision ${precision.toFixed(4)} (${satisfied}/${pairs}); turn success ${(succeeded / turns).toFixed(4)} (${succeeded}/${turns})`,
    );
    if (failures.length > 0) console.log(failures.join('\n'));
    expect(turns).toBeGreaterThanOrEqual(60);
    expect(precision).toBe(1);
    expect(succeeded / turns).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
