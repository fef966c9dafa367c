/** A store's own sentiment model: trained on the merchant's labelled reviews by a job, used where it beats the built-in one. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { REVIEWS_TRAIN_JOB } from '../../src/jobs/review-jobs.js';
import { Worker } from '../../src/jobs/worker.js';
import { builtinSentimentModel } from '../../src/reviews/index.js';
import { buildApp } from '../../src/server/app.js';
import { allDatabaseKinds, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 5, 3, 12);
// A stinky-tofu shop: "够臭" is praise here, and the built-in model reads every one of these as negative.
const PRAISE = ['够臭', '臭味很足', '闻着就上头', '臭得正宗', '够臭够味'];
const COMPLAINT = ['一点都不臭', '不够臭', '闻着不臭', '没有臭味', '臭味太淡'];
const TAILS = ['，下次还买', '，配辣椒吃', '，一家人抢着吃', '，包装严实', '，发货挺快', '，分量足'];

function labelled(): { text: string; label: string }[] {
  const out: { text: string; label: string }[] = [];
  for (const tail of TAILS) {
    for (const p of PRAISE) out.push({ text: p + tail, label: 'positive' });
    for (const c of COMPLAINT) out.push({ text: c + tail, label: '差评' });
  }
  return out;
}

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`store sentiment model on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let app: FastifyInstance;
    let admin: string;
    let now = NOW;
    const auth = () => ({ authorization: `Bearer ${admin}` });
    const model = async () => (await app.inject({ url: '/v1/reviews/sentiment/model', headers: auth() })).json();
    const score = async (text: string) =>
      (
        await app.inject({ method: 'POST', url: '/v1/reviews/sentiment', headers: auth(), payload: { texts: [text] } })
      ).json().results[0].score as number;

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine({ ...loadConfig({}), databaseUrl: database.url }, () => now);
      app = await buildApp(engine);
      admin = (await engine.keys.create('admin', 'admin')).key;
      await engine.items.upsert([{ id: 'tofu', title: '长沙臭豆腐', category: 'Food', price: 20 }]);
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await engine?.close();
      await database?.cleanup();
    });

    it('scores with the built-in model until a store model is trained; refuses bad labels naming them', async () => {
      expect(await model()).toEqual({ scorer: 'builtin', model: null });
      const text = '臭味很足，老板实在';
      expect(await score(text)).toBeCloseTo(builtinSentimentModel().probability(text), 6);
      const bad = await app.inject({
        method: 'POST',
        url: '/v1/reviews/sentiment/model',
        headers: auth(),
        payload: { reviews: [...labelled().slice(1), { text: '还行', label: 'meh' }] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toMatch(/reviews\[59\]\.label/);
      const few = await app.inject({
        method: 'POST',
        url: '/v1/reviews/sentiment/model',
        headers: auth(),
        payload: { reviews: labelled().slice(0, 10) },
      });
      expect(few.statusCode).toBe(400);
    });

    it('trains off the serving thread, then scores new reviews with the store model; DELETE falls back', async () => {
      const queued = await app.inject({
        method: 'POST',
        url: '/v1/reviews/sentiment/model',
        headers: auth(),
        payload: { reviews: labelled() },
      });
      expect(queued.statusCode).toBe(202);
      expect(queued.json().name).toBe('reviews.train-sentiment');
      expect((await model()).scorer).toBe('builtin'); // nothing changes until the job has run
      await new Worker(engine.store, engine.jobs, engine.clock).drain();
      const trained = await model();
      expect(trained.scorer).toBe('store');
      expect(trained.model).toMatchObject({ reviews: 60, active: true, heldOut: { n: 12 } });
      expect(trained.model.heldOut.storeAccuracy).toBeGreaterThan(trained.model.heldOut.builtinAccuracy);

      const text = '臭味很足，老板实在';
      expect(builtinSentimentModel().probability(text)).toBeLessThan(0.5);
      expect(await score(text)).toBeGreaterThan(0.5);
      await engine.events.track([{ id: 'r1', type: 'review', itemId: 'tofu', customerId: 'c1', review: text }]);
      await engine.reviews.catchUp();
      const [row] = await engine.store.reviews.forItem('tofu');
      expect(row!.score).toBeGreaterThan(0.5);

      now += 60_000; // the newest stored model wins, by time
      const reset = await app.inject({ method: 'DELETE', url: '/v1/reviews/sentiment/model', headers: auth() });
      expect(reset.statusCode).toBe(204);
      expect(await model()).toEqual({ scorer: 'builtin', model: null });
      expect(await score(text)).toBeCloseTo(builtinSentimentModel().probability(text), 6);
    });

    it("without labels adapts the built-in model to the store's own reviews (job payload { adapt })", async () => {
      const reviews = ['房间干净，服务热情', '隔音太差，一晚没睡', '早餐丰盛，下次还住', '前台态度恶劣，很失望'];
      await engine.events.track(
        reviews.map((review, k) => ({ id: `a${k}`, type: 'review', itemId: 'tofu', customerId: 'c2', review })),
      );
      const result = async () => {
        const job = await engine.jobs.enqueue(REVIEWS_TRAIN_JOB, { adapt: 'auto' });
        await new Worker(engine.store, engine.jobs, engine.clock).drain();
        return (await engine.jobs.get(job.id))!.result;
      };
      // By default the gate wants more reviews than these five: nothing is stored, the built-in model scores.
      expect(await result()).toMatchObject({ adapted: false, modelId: null, texts: 5 });
      expect((await model()).scorer).toBe('builtin');

      now += 60_000;
      const job = await engine.jobs.enqueue(REVIEWS_TRAIN_JOB, { adapt: 'on' });
      await new Worker(engine.store, engine.jobs, engine.clock).drain();
      expect((await engine.jobs.get(job.id))!.result).toMatchObject({ adapted: true, texts: 5 });
      const adapted = await model();
      expect(adapted.scorer).toBe('store');
      expect(adapted.model).toMatchObject({ reviews: 5, active: true, heldOut: { n: 0 } });
      const scorer = await engine.reviews.scorer();
      expect(scorer).not.toBe(builtinSentimentModel());
      expect(scorer.probability('房间干净，服务热情')).not.toBe(
        builtinSentimentModel().probability('房间干净，服务热情'),
      );
    }, 240_000); // two adaptations of the built-in model's 4 million weights and a model file written and read
  });
}
