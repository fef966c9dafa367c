/**
 * Content through HTTP on every backend: grounded variants for a stored item (with its scored reviews) and for
 * item facts, bad input as problem+json, checks of edited text, drafts that never change the item, a bulk job
 * with progress, and the LLM path against a real local chat-completions server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemInput } from '../../src/domain/index.js';
import { Worker } from '../../src/jobs/worker.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';
import { TEST_NOW } from '../helpers/test-time.js';

const DAY = 86_400_000;
const GOOD = ['质量很好，做工精细，很满意', '做工很好，质量不错，推荐购买', '质量超出预期，做工扎实'];

const items: ItemInput[] = [
  {
    id: 'mug',
    title: '匠心坊 白色 陶瓷 马克杯',
    category: '家居/厨房',
    brand: '匠心坊',
    price: 59,
    currency: 'CNY',
    attributes: { color: '白色', color_en: 'white', material: '陶瓷', material_en: 'ceramic', capacity: '350ml' },
    tags: ['包邮'],
    translations: { en: { title: '匠心坊 White Ceramic Mug 350ml', category: 'Home/Kitchen' } },
  },
  {
    id: 'cup',
    title: 'Bolt 玻璃杯',
    category: '家居/厨房',
    brand: 'Bolt',
    price: 19.9,
    currency: 'CNY',
    attributes: { material: '玻璃' },
  },
];

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`content API on ${kind.name}`, () => {
    let server: TestServer;
    const auth = (key?: string) => ({ authorization: `Bearer ${key ?? server.keys.admin}` });

    beforeAll(async () => {
      server = await startTestServer(kind);
      await server.engine.items.upsert(items);
      const events = GOOD.map((review, i) => ({
        type: 'review',
        itemId: 'mug',
        customerId: `c${i}`,
        review,
        rating: 5,
        timestamp: new Date(TEST_NOW - (i + 2) * DAY).toISOString(),
      }));
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/events/batch',
        headers: auth(),
        payload: { events },
      });
      expect(res.statusCode).toBe(202);
      await server.engine.reviews.catchUp();
    });
    afterAll(async () => server.close());

    it('writes grounded variants for a stored item, praising what its reviews praise, reproducibly', async () => {
      const payload = {
        itemId: 'mug',
        kinds: ['description', 'seo_title'],
        locale: 'zh',
        tone: 'friendly',
        length: 'long',
        variants: 3,
        seed: 7,
      };
      const res = await server.app.inject({ method: 'POST', url: '/v1/content/generate', headers: auth(), payload });
      expect(res.statusCode).toBe(200);
      const body = res.json<{
        itemId: string;
        writer: { llm: boolean };
        results: {
          kind: string;
          variants: {
            text: string;
            source: string;
            grounding: { grounded: boolean; mentions: { source: string }[] };
          }[];
        }[];
      }>();
      expect(body.itemId).toBe('mug');
      expect(body.writer.llm).toBe(false);
      const [description, seo] = body.results;
      expect(description!.variants).toHaveLength(3);
      for (const v of description!.variants) {
        expect(v.grounding.grounded).toBe(true);
        expect(v.source).toBe('builtin');
      }
      const sources = description!.variants.flatMap((v) => v.grounding.mentions.map((m) => m.source));
      // The count is the review summary's (the built-in model's aspect polarity), not a number the copy made up.
      const summary = (await server.app.inject({ url: '/v1/items/mug/reviews', headers: auth() })).json<{
        aspects: { aspects: { aspect: string; positive: { reviews: number } }[] };
      }>();
      const quality = summary.aspects.aspects.find((a) => a.aspect === 'quality')!.positive.reviews;
      expect(quality).toBeGreaterThan(0);
      expect(sources).toContain(`reviews.quality: ${quality} positive`);
      expect(sources).toContain('price');
      for (const v of seo!.variants) expect([...v.text].length).toBeLessThanOrEqual(60);
      const again = await server.app.inject({ method: 'POST', url: '/v1/content/generate', headers: auth(), payload });
      expect(again.json()).toEqual(body);
    });

    it('writes for item facts sent with the request, in English', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/content/generate',
        headers: auth(),
        payload: {
          item: {
            title: 'Trail Runner',
            brand: 'Stride',
            price: 120,
            currency: 'USD',
            category: 'Shoes/Running',
            attributes: { color: 'blue' },
          },
          reviews: { reviews: 10, positiveShare: 0.9, aspects: [{ aspect: 'comfort', positive: 8, negative: 1 }] },
          kinds: ['selling_points'],
          locale: 'en',
          tone: 'concise',
          variants: 1,
        },
      });
      expect(res.statusCode).toBe(200);
      const text = res.json<{ results: { variants: { text: string }[] }[] }>().results[0]!.variants[0]!.text;
      expect(text).toContain('$120');
      expect(text).toMatch(/comfort \(8 positive reviews\)|8 reviewers praise the comfort/i);
    });

    it('answers bad input with problem+json naming the field, and needs the admin key', async () => {
      const bad = async (payload: object) => {
        const res = await server.app.inject({ method: 'POST', url: '/v1/content/generate', headers: auth(), payload });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        return res.json<{ detail: string }>().detail;
      };
      expect(await bad({ kinds: ['description'], locale: 'zh' })).toMatch(/itemId/);
      expect(await bad({ itemId: 'mug', kinds: ['poem'], locale: 'zh' })).toMatch(/kinds/);
      expect(await bad({ itemId: 'mug', kinds: ['title'], locale: 'fr' })).toMatch(/locale/);
      expect(await bad({ itemId: 'mug', kinds: ['title'], locale: 'zh', variants: 50 })).toMatch(/variants/);
      expect(await bad({ itemId: 'mug', kinds: ['title'], locale: 'zh', writer: 'llm' })).toMatch(
        /no LLM is configured/,
      );
      const missing = await server.app.inject({
        method: 'POST',
        url: '/v1/content/generate',
        headers: auth(),
        payload: { itemId: 'nope', kinds: ['title'], locale: 'zh' },
      });
      expect(missing.statusCode).toBe(404);
      const browser = await server.app.inject({
        method: 'POST',
        url: '/v1/content/generate',
        headers: auth(server.keys.public),
        payload: { itemId: 'mug', kinds: ['title'], locale: 'zh' },
      });
      expect(browser.statusCode).toBe(403);
    });

    it('checks edited text, saves grounded drafts only, and accepting one leaves the item as it was', async () => {
      const check = await server.app.inject({
        method: 'POST',
        url: '/v1/content/check',
        headers: auth(),
        payload: { itemId: 'mug', locale: 'zh', text: '白色陶瓷杯，现价¥39，全网最低！' },
      });
      expect(check.statusCode).toBe(200);
      const report = check.json<{ grounded: boolean; problems: string[] }>();
      expect(report.grounded).toBe(false);
      expect(report.problems.join(' ')).toMatch(/¥39.*全网最/);

      const saveDraft = (payload: { text: string; source?: string }) =>
        server.app.inject({
          method: 'POST',
          url: '/v1/content/drafts',
          headers: auth(),
          payload: { itemId: 'mug', kind: 'description', locale: 'zh', tone: 'friendly', length: 'short', ...payload },
        });
      const refused = await saveDraft({ text: '白色陶瓷杯，现价¥39。' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('text');

      const text = '匠心坊的白色陶瓷马克杯，做工扎实，售价¥59，包邮到家。';
      const saved = await saveDraft({ text, source: 'edited' });
      expect(saved.statusCode).toBe(201);
      const draft = saved.json<{ id: string; status: string }>();
      expect(draft.status).toBe('pending');
      const accepted = await server.app.inject({
        method: 'POST',
        url: `/v1/content/drafts/${draft.id}/accept`,
        headers: auth(),
      });
      expect(accepted.json<{ status: string }>().status).toBe('accepted');
      const twice = await server.app.inject({
        method: 'POST',
        url: `/v1/content/drafts/${draft.id}/reject`,
        headers: auth(),
      });
      expect(twice.statusCode).toBe(400);
      const item = await server.engine.items.get('mug');
      expect(item.description).toBeNull();
      const list = await server.app.inject({ url: '/v1/content/drafts?itemId=mug&status=accepted', headers: auth() });
      expect(list.json<{ drafts: { text: string }[] }>().drafts.map((d) => d.text)).toEqual([text]);
    });

    it('gives variants an experiment or bandit takes as arms (the id as the arm name, the text in its config)', async () => {
      const generated = await server.app.inject({
        method: 'POST',
        url: '/v1/content/generate',
        headers: auth(),
        payload: { itemId: 'mug', kinds: ['email_subject'], locale: 'zh', tone: 'playful', variants: 3, seed: 11 },
      });
      const variants = generated.json<{ results: { variants: { id: string; text: string }[] }[] }>().results[0]!
        .variants;
      expect(variants.length).toBeGreaterThanOrEqual(2);
      const created = await server.app.inject({
        method: 'POST',
        url: '/v1/experiments',
        headers: auth(),
        payload: {
          name: 'mug subject lines',
          surface: 'content',
          kind: 'bandit',
          variants: variants.map((v) => ({
            name: v.id,
            config: { itemId: 'mug', kind: 'email_subject', text: v.text },
          })),
        },
      });
      expect(created.statusCode).toBe(201);
      const experiment = created.json<{ variants: { name: string; config: { text: string } }[] }>();
      expect(experiment.variants.map((v) => v.config.text)).toEqual(variants.map((v) => v.text));
    });

    it('runs a bulk job over the catalogue with progress, saving drafts', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: '/v1/content/jobs',
        headers: auth(),
        payload: { kinds: ['title', 'push'], locale: 'en', variants: 2, seed: 3 },
      });
      expect(res.statusCode).toBe(202);
      const jobId = res.json<{ id: string }>().id;
      await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
      const job = (await server.app.inject({ url: `/v1/jobs/${jobId}`, headers: auth() })).json<{
        status: string;
        progress: number;
        result: { items: number; drafts: number; rejected: number };
      }>();
      expect(job.status).toBe('done');
      expect(job.progress).toBe(1);
      expect(job.result).toMatchObject({ items: 2, rejected: 0 });
      const drafts = (await server.app.inject({ url: `/v1/content/drafts?jobId=${jobId}`, headers: auth() })).json<{
        drafts: { itemId: string; kind: string }[];
      }>().drafts;
      expect(drafts.length).toBe(job.result.drafts);
      expect(new Set(drafts.map((d) => d.itemId))).toEqual(new Set(['mug', 'cup']));
    });
  });
}

describe('content with an LLM (a real local chat-completions server)', () => {
  let llm: Server;
  let server: TestServer;
  let answers: string[] = [];
  const requests: { auth: string | undefined; body: { model: string; messages: { content: string }[] } }[] = [];

  beforeAll(async () => {
    llm = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        requests.push({ auth: req.headers.authorization, body: JSON.parse(raw) as (typeof requests)[number]['body'] });
        const answer = answers.shift();
        if (req.url !== '/v1/chat/completions' || answer === undefined) {
          res.writeHead(500).end('{"error":"no answer"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'x',
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: answer } }],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
    const port = (llm.address() as AddressInfo).port;
    server = await startTestServer((await allDatabaseKinds())[0]!, {
      contentLlm: { baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-test', model: 'tiny-writer' },
    });
    await server.engine.items.upsert(items);
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => llm.close(resolve));
  });

  const generate = () =>
    server.app.inject({
      method: 'POST',
      url: '/v1/content/generate',
      headers: { authorization: `Bearer ${server.keys.admin}` },
      payload: { itemId: 'mug', kinds: ['description'], locale: 'en', tone: 'premium', variants: 2, seed: 5 },
    });
  type Body = {
    writer: { llm: boolean; llmError: string | null };
    results: { variants: { text: string; source: string }[]; rejected: number }[];
  };

  it('keeps the model’s grounded texts, refuses the invented ones, and tops up from the grammar', async () => {
    answers = [
      JSON.stringify({
        variants: [
          'The 匠心坊 White Ceramic Mug 350ml, in white ceramic, for ¥59. Ships free.',
          'A bestselling mug, now ¥39 — guaranteed to last!',
        ],
      }),
    ];
    const res = await generate();
    expect(res.statusCode).toBe(200);
    const body = res.json<Body>();
    expect(body.writer).toEqual({ requested: 'auto', llm: true, llmError: null });
    const [result] = body.results;
    expect(result!.variants.map((v) => v.source)).toEqual(['llm', 'builtin']);
    expect(result!.variants[0]!.text).toContain('¥59');
    expect(result!.rejected).toBeGreaterThanOrEqual(1);
    for (const v of result!.variants) expect(v.text).not.toMatch(/¥39|guaranteed/);
    const sent = requests.at(-1)!;
    expect(sent.auth).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('tiny-writer');
    expect(sent.body.messages[1]!.content).toContain('"price":"¥59"');
  });

  it('falls back to the grammar when the model fails', async () => {
    answers = [];
    const body = (await generate()).json<Body>();
    expect(body.writer.llmError).toMatch(/HTTP 500/);
    expect(body.results[0]!.variants).toHaveLength(2);
    for (const v of body.results[0]!.variants) expect(v.source).toBe('builtin');
  });
});
