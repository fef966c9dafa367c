/** The assistant answers "评价怎么样" / "what do reviews say" about a shown item from its scored reviews. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../src/jobs/worker.js';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';
import { TEST_NOW } from '../helpers/test-time.js';

const REVIEWS = [
  '质量很好，做工精细，很满意',
  '做工不错，物流很快',
  '质量很好，颜色好看',
  '尺码偏小，其他都好',
  '物流很快，质量很好，推荐',
];

describe('assistant answers from review summaries', () => {
  let server: TestServer;
  const admin = () => ({ authorization: `Bearer ${server.keys.admin}` });
  const send = (payload: Record<string, unknown>) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/assistant/messages',
      headers: { authorization: `Bearer ${server.keys.public}` },
      payload,
    });

  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    const item = {
      id: 'd1',
      title: '红色真丝连衣裙',
      category: '女装/连衣裙',
      brand: '云裳',
      price: 180,
      stock: 5,
      attributes: { color: '红色', color_en: 'red' },
      translations: { en: { title: 'Red silk dress', category: 'Women/Dresses' } },
    };
    const put = await server.app.inject({ method: 'PUT', url: '/v1/items/d1', headers: admin(), payload: item });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const events = REVIEWS.map((review, i) => ({
      type: 'review',
      itemId: 'd1',
      customerId: `r${i}`,
      review,
      timestamp: new Date(TEST_NOW - (i + 1) * 3_600_000).toISOString(),
    }));
    const posted = await server.app.inject({
      method: 'POST',
      url: '/v1/events/batch',
      headers: admin(),
      payload: { events },
    });
    expect(posted.statusCode, posted.body).toBeLessThan(300);
    expect((await server.app.inject({ method: 'POST', url: '/v1/reviews/score', headers: admin() })).statusCode).toBe(
      202,
    );
    await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
  }, 120_000);
  afterAll(async () => server?.close());

  it('counts, the positive share and quotes of the item shown, in Chinese and English', async () => {
    const found = (await send({ text: '红色连衣裙' })).json<{ sessionId: string; items: { id: string }[] }>();
    expect(found.items.map((i) => i.id)).toEqual(['d1']);
    const zh = (await send({ text: '评价怎么样', sessionId: found.sessionId })).json<{
      reply: string;
      intent: string;
    }>();
    expect(zh.intent).toBe('item_question');
    expect(zh.reply).toMatch(/^红色真丝连衣裙 共 5 条评价，\d+% 为好评。好评集中在：质量做工（\d 条，如“/);
    const en = (await send({ text: 'red dress', locale: 'en' })).json<{ sessionId: string }>();
    const reply = (await send({ text: 'what do reviews say', sessionId: en.sessionId, locale: 'en' })).json<{
      reply: string;
    }>().reply;
    expect(reply).toMatch(/^Red silk dress: 5 reviews, \d+% positive\. Praised: quality \(\d reviews?, e\.g\. "/);
  });

  it('says which item is meant when nothing has been shown yet', async () => {
    const r = (await send({ text: '评价怎么样' })).json<{ reply: string }>();
    expect(r.reply).toBe('你想了解哪件商品？请先让我为你找一找。');
  });
});
