/**
 * An API process loading its stored recommendation model: /health answers throughout, /ready is 503 with the
 * reason until the model is in and 200 after, and recommendation requests meanwhile get the log's popularity
 * (`model: null`) at once. The load is held open by the test (no timing), on every backend.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { decodeOffThread } from '../../src/recommend/index.js';
import { buildApp } from '../../src/server/app.js';
import { allDatabaseKinds, type TestDatabase } from '../helpers/databases.js';
import { loadSmallStore } from '../helpers/small-store.js';
import { testConfig } from '../helpers/test-time.js';

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`recommendation model readiness on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let app: FastifyInstance;
    let key: string;
    let modelId: string;
    let release: () => void;
    const decoding: Promise<void>[] = [];

    beforeAll(async () => {
      database = await kind.create();
      const trainer = await createEngine(testConfig({ databaseUrl: database.url }));
      await loadSmallStore(trainer);
      const trained = await trainer.recommendations.train();
      modelId = trained.modelId!;
      key = (await trainer.keys.create('readiness', 'admin')).key;
      await trainer.close();

      // A second process on the same database, whose decoding of the stored model waits for the test.
      engine = await createEngine(testConfig({ databaseUrl: database.url }));
      const gate = new Promise<void>((resolve) => (release = resolve));
      engine.recommendations.decodeModelsWith(async (input) => {
        let started!: () => void;
        decoding.push(new Promise<void>((resolve) => (started = resolve)));
        started();
        await gate;
        return decodeOffThread(input);
      });
      app = await buildApp(engine);
    }, 120_000);

    afterAll(async () => {
      release?.();
      await app?.close();
      await engine?.close();
      await database?.cleanup();
    });

    const get = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${key}` } });

    it('is not ready while the model loads, but lives and serves popularity', async () => {
      // The stored model's bytes have been read and its decoding has begun (and waits).
      while (decoding.length === 0) await new Promise((resolve) => setImmediate(resolve));
      await decoding[0];

      const health = await get('/health');
      expect(health.statusCode).toBe(200);

      const ready = await get('/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ready.headers['retry-after']).toBe('1');
      expect(ready.json()).toMatchObject({ status: 503, detail: 'the recommendation model is loading' });

      const trending = await get('/v1/recommendations/trending?k=5');
      expect(trending.statusCode).toBe(200);
      const body = trending.json<{ model: unknown; items: unknown[] }>();
      expect(body.model).toBeNull();
      expect(body.items).toHaveLength(5);

      const forYou = await get('/v1/recommendations/customers/c1?k=5');
      expect(forYou.statusCode).toBe(200);
      expect(forYou.json<{ model: unknown }>().model).toBeNull();
    });

    it('is ready once the model is decoded, and serves it', async () => {
      release();
      // Waits for the load itself (no clock): the same load the server started.
      await engine.recommendations.warm();
      const ready = await get('/ready');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', database: kind.name });

      const trending = (await get('/v1/recommendations/trending?k=5')).json<{
        model: { id: string } | null;
        items: { id: string }[];
      }>();
      expect(trending.model?.id).toBe(modelId);
      // Similar items exercise the decoded pipeline's components (their classes came back from the thread).
      const similar = await get(`/v1/recommendations/items/${encodeURIComponent(trending.items[0]!.id)}/similar?k=5`);
      expect(similar.statusCode).toBe(200);
      expect(similar.json<{ model: { id: string } | null; items: unknown[] }>().items.length).toBeGreaterThan(0);
    });
  });
}
