/** Recommendation model status and offline evaluation on the store's own log, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../src/jobs/worker.js';
import { evaluateStore } from '../../src/recommend/index.js';
import type { ItemRecord } from '../../src/store/repositories/item-repository.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { loadSmallStore } from '../helpers/small-store.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`recommendation models API on ${kind.name}`, () => {
    let server: TestServer;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    const status = async (key = server.keys.admin) =>
      server.app.inject({ url: '/v1/recommendations/models', headers: auth(key) });
    const evaluate = (payload?: object, key = server.keys.admin) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/recommendations/evaluate',
        headers: auth(key),
        ...(payload ? { payload } : {}),
      });

    beforeAll(async () => {
      server = await startTestServer(kind);
      await loadSmallStore(server.engine);
    }, 120_000);
    afterAll(async () => server?.close());

    it('shows no model and no evaluation before training', async () => {
      const res = await status();
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ model: null, evaluation: null });
    });

    it('shows the trained model: when, how long, data sizes, blend weights and bytes', async () => {
      const trained = await server.engine.recommendations.train();
      const { model } = (await status()).json();
      expect(model).toMatchObject({
        id: trained.modelId,
        trainedAt: new Date(trained.trainedAt).toISOString(),
        customers: trained.metrics!.users,
        items: trained.metrics!.items,
        interactions: trained.metrics!.interactions,
      });
      expect(model.trainingSeconds).toBeGreaterThan(0);
      expect(model.bytes).toBeGreaterThan(1000);
      expect(model.components.length).toBeGreaterThan(1);
      for (const c of model.components) {
        expect(c.name).not.toMatch(/^\d+:/);
        expect(c.weight).toBeGreaterThanOrEqual(0);
      }
      const weights = Object.values(trained.metrics!.weights);
      expect(model.components.map((c: { weight: number }) => c.weight)).toEqual(weights);
      // Which hold-out chose the blend, and the measurement that decided it.
      expect(['last', 'random']).toContain(model.validation.protocol);
      expect(model.validation.reason).toMatch(/\w+ \w+ \w+/);
      expect(model.validation.shape.events).toBe(trained.metrics!.interactions);
    });

    it('evaluates the models on the store as a job and keeps the metric table', async () => {
      const res = await evaluate({ maxUsers: 50, models: ['popularity', 'default'] });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toMatchObject({ name: 'recommend.evaluate', status: 'queued' });
      // One at a time: asking again returns the pending job.
      expect((await evaluate()).json().id).toBe(res.json().id);
      await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
      const job = (
        await server.app.inject({ url: `/v1/jobs/${res.json().id}`, headers: auth(server.keys.admin) })
      ).json();
      expect(job.status).toBe('done');
      const { evaluation } = (await status()).json();
      expect(evaluation).toMatchObject({ protocol: 'leave-last-out', k: 10, maxUsers: 50, users: 50 });
      expect(evaluation.rows.map((r: { model: string }) => r.model)).toEqual(['popularity', 'default']);
      for (const row of evaluation.rows) {
        for (const metric of ['hr', 'ndcg', 'precision', 'recall', 'mrr', 'coverage']) {
          expect(row[metric]).toBeGreaterThanOrEqual(0);
          expect(row[metric]).toBeLessThanOrEqual(1);
        }
      }
      // The blend should do at least as well as popularity alone on a store with structure.
      expect(evaluation.rows[1].hr).toBeGreaterThanOrEqual(evaluation.rows[0].hr);
    }, 120_000);

    it('evaluates on the window of the log training reads, not the whole log', async () => {
      const options = { maxUsers: 50, models: ['popularity'] };
      const whole = await evaluateStore(server.engine.store, server.engine.clock, options);
      const limits = { maxEvents: 500, maxAgeMs: null };
      const windowed = await evaluateStore(server.engine.store, server.engine.clock, { ...options, limits });
      expect(whole.interactions).toBeGreaterThan(500);
      // The newest 500 positions: fewer interactions (some positions hold searches and other non-item events).
      expect(windowed.interactions).toBeGreaterThan(0);
      expect(windowed.interactions).toBeLessThanOrEqual(500);
      expect(windowed.eventSeq).toBe(whole.eventSeq);
    }, 120_000);

    it('refuses bad evaluation requests naming the field, and non-admin keys', async () => {
      const badModel = await evaluate({ models: ['magic'] });
      expect(badModel.statusCode).toBe(400);
      expect(badModel.json().errors[0].field).toMatch(/^models/);
      const badUsers = await evaluate({ maxUsers: 0 });
      expect(badUsers.statusCode).toBe(400);
      expect(badUsers.json().errors[0].field).toBe('maxUsers');
      expect((await evaluate(undefined, server.keys.ingest)).statusCode).toBe(403);
      expect((await status(server.keys.public)).statusCode).toBe(403);
    });

    it('evaluates the "looks similar" model once item images have vectors, and blends it in', async () => {
      // Image vectors as the vision index stores them, one look per category (a seeded direction plus noise):
      // the recommender is under test here, not the image model.
      let seed = 20;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
      const looks = new Map<string, number[]>();
      const items: ItemRecord[] = [];
      for await (const item of server.engine.store.items.all()) items.push(item);
      expect(items.length).toBeGreaterThan(10);
      await server.engine.store.transaction(async (repos) => {
        for (const item of items) {
          const category = item.category ?? '';
          if (!looks.has(category)) looks.set(category, Array.from({ length: 16 }, random));
          const v = Float32Array.from(looks.get(category)!, (x) => x + 0.3 * random());
          const norm = Math.hypot(...v);
          await repos.imageFeatures.replaceForItem(item.id, [
            {
              itemId: item.id,
              imageUrl: `https://img.example/${item.id}.jpg`,
              model: 'test-looks',
              embedding: v.map((x) => x / norm),
              colours: [],
              pattern: null,
              phash: null,
              error: null,
              computedAt: server.engine.clock(),
            },
          ]);
        }
      });
      const res = await evaluate({ maxUsers: 50, models: ['popularity', 'visual'] });
      expect(res.statusCode).toBe(202);
      await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
      const { evaluation } = (await status()).json();
      expect(evaluation.rows.map((r: { model: string }) => r.model)).toEqual(['popularity', 'visual']);
      const visual = evaluation.rows[1];
      expect(visual.hr).toBeGreaterThan(0);
      expect(visual.hr).toBeLessThanOrEqual(1);
      expect(visual.coverage).toBeGreaterThan(0);
      // Training now blends it, with the weight validation gives it.
      const trained = await server.engine.recommendations.train();
      expect(Object.keys(trained.metrics!.weights)).toContainEqual(expect.stringMatching(/:visual$/));
    }, 120_000);
  });
}
