/** The assistant over HTTP: FAQ answers, order status only for the customer's own token, bad input, the turn log. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../src/jobs/worker.js';
import { putDresses } from '../assistant/dresses.js';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';
import { TEST_NOW } from '../helpers/test-time.js';

describe('assistant API', () => {
  let server: TestServer;
  const send = (key: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/assistant/messages',
      headers: { authorization: `Bearer ${key}`, ...headers },
      payload,
    });

  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    const admin = { authorization: `Bearer ${server.keys.admin}` };
    await putDresses(server);
    const events = await server.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: admin,
      payload: {
        type: 'purchase',
        customerId: 'c1',
        itemId: 'd1',
        price: 180,
        quantity: 1,
        orderId: 'o-77',
        timestamp: new Date(TEST_NOW - 86_400_000).toISOString(),
      },
    });
    expect(events.statusCode, events.body).toBeLessThan(300);
    const faq = await server.app.inject({
      method: 'PUT',
      url: '/v1/assistant/faq',
      headers: admin,
      payload: {
        documents: [
          {
            name: 'policies.md',
            format: 'markdown',
            content: '# 退货政策\n签收后7天内可无理由退货。\n\n# Shipping\nOrders over ¥99 ship free.\n',
          },
        ],
      },
    });
    expect(faq.json()).toEqual({ passages: 2 });
  }, 120_000);
  afterAll(async () => server?.close());

  it('answers a product request with items exactly as GET /v1/items/{id} returns them', async () => {
    const r = await send(server.keys.public, { text: '两百块以内的红色连衣裙' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json<{
      intent: string;
      items: Array<{ id: string }>;
      slots: Record<string, unknown>;
      sessionId: string;
    }>();
    expect(body.intent).toBe('find');
    expect(body.slots).toMatchObject({ category: '女装/连衣裙', colour: '红色', priceMax: 200 });
    expect(body.items.map((i) => i.id)).toEqual(['d1']);
    const item = await server.app.inject({
      method: 'GET',
      url: '/v1/items/d1',
      headers: { authorization: `Bearer ${server.keys.public}` },
    });
    expect(body.items[0]).toEqual(item.json());
    // The session remembers the dress: a different colour keeps the category and the price bound.
    const next = await send(server.keys.public, { text: '换个颜色', sessionId: body.sessionId });
    expect(next.json<{ items: unknown[]; slots: Record<string, unknown> }>().slots).toMatchObject({
      category: '女装/连衣裙',
      priceMax: 200,
    });
  });

  it('lets only the visitor who started a session continue it', async () => {
    const first = await send(server.keys.public, { text: '两百块以内的红色连衣裙', anonymousId: 'a-owner' });
    const { sessionId } = first.json<{ sessionId: string }>();
    // Another visitor (or none) holding the id starts a new conversation, under a new id.
    for (const other of [{ anonymousId: 'a-other' }, {}]) {
      const r = await send(server.keys.public, { text: '换个颜色', sessionId, ...other });
      const body = r.json<{ sessionId: string; slots: Record<string, unknown> }>();
      expect(body.sessionId).not.toBe(sessionId);
      expect(body.slots).not.toHaveProperty('priceMax');
    }
    // The owner's conversation is untouched: the constraints are still there.
    const own = await send(server.keys.public, { text: '换个颜色', sessionId, anonymousId: 'a-owner' });
    expect(own.json<{ sessionId: string }>().sessionId).toBe(sessionId);
    expect(own.json<{ slots: Record<string, unknown> }>().slots).toMatchObject({ priceMax: 200 });
  });

  it('answers service questions from the FAQ and hands on what it does not know', async () => {
    const returns = await send(server.keys.public, { text: '可以退货吗' });
    expect(returns.json<{ reply: string; items: unknown[] }>()).toMatchObject({ items: [] });
    expect(returns.json<{ reply: string }>().reply).toContain('7天内可无理由退货');
    const pay = await send(server.keys.public, { text: 'can i pay with paypal' });
    expect(pay.json<{ intent: string; reply: string }>().reply).toMatch(/don't have the shop's information/);
  });

  it('tells order status only to the customer or a secret key', async () => {
    const anonymous = await send(server.keys.public, { text: 'where is my order', customerId: 'c1' });
    expect(anonymous.json<{ reply: string }>().reply).toMatch(/sign in/);
    const forged = await send(
      server.keys.public,
      { text: 'where is my order', customerId: 'c1' },
      { 'x-customer-token': 'forged' },
    );
    expect(forged.statusCode).toBe(403);
    const { token } = await server.engine.identitySecret.issueToken('c1', 3600);
    const owner = await send(
      server.keys.public,
      { text: 'where is my order', customerId: 'c1' },
      { 'x-customer-token': token },
    );
    expect(owner.json<{ reply: string }>().reply).toContain('o-77');
  });

  it('rejects bad input with a problem naming the field', async () => {
    const both = await send(server.keys.public, { text: 'hi', customerId: 'c1', anonymousId: 'a1' });
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('customerId');
    const empty = await send(server.keys.public, { text: '' });
    expect(empty.statusCode).toBe(400);
  });

  it('logs turns for the console, with unanswered and hand-off queues', async () => {
    await send(server.keys.public, { text: '转人工', anonymousId: 'a9' });
    await send(server.keys.public, { text: 'tell me a joke', anonymousId: 'a9' });
    const admin = { authorization: `Bearer ${server.keys.admin}` };
    const handoff = await server.app.inject({
      method: 'GET',
      url: '/v1/assistant/turns?outcome=handoff',
      headers: admin,
    });
    expect(handoff.json<{ turns: Array<{ text: string }> }>().turns.map((t) => t.text)).toContain('转人工');
    const unanswered = await server.app.inject({
      method: 'GET',
      url: '/v1/assistant/turns?outcome=unanswered',
      headers: admin,
    });
    expect(unanswered.json<{ turns: Array<{ text: string }> }>().turns.map((t) => t.text)).toContain('tell me a joke');
    const browser = await server.app.inject({
      method: 'GET',
      url: '/v1/assistant/turns',
      headers: { authorization: `Bearer ${server.keys.public}` },
    });
    expect(browser.statusCode).toBe(403);
  });

  it("retrains the intent classifier on the merchant's examples in a job", async () => {
    const admin = { authorization: `Bearer ${server.keys.admin}` };
    const train = (headers: Record<string, string>) =>
      server.app.inject({ method: 'POST', url: '/v1/assistant/train', headers });
    // A store-specific question (loyalty points); taught as an intent the built-in model does not give it.
    const question = '积分可以兑换什么';
    const before = (await send(server.keys.public, { text: question })).json<{ intent: string }>().intent;
    const target = before === 'payment' ? 'shipping' : 'payment';
    expect((await train({ authorization: `Bearer ${server.keys.public}` })).statusCode).toBe(403);
    for (const text of [
      '积分怎么用',
      '积分可以抵现吗',
      '积分能兑换礼品吗',
      '我的积分有什么用',
      'can I redeem my points',
    ]) {
      const added = await server.app.inject({
        method: 'POST',
        url: '/v1/assistant/examples',
        headers: admin,
        payload: { text, intent: target },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
    const queued = await train(admin);
    expect(queued.statusCode, queued.body).toBe(202);
    await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
    const job = await server.app.inject({
      method: 'GET',
      url: `/v1/jobs/${queued.json<{ id: string }>().id}`,
      headers: admin,
    });
    expect(job.json<{ status: string }>().status).toBe('done');
    const after = await send(server.keys.public, { text: question });
    expect(after.json<{ intent: string }>().intent).toBe(target);
  });
});
