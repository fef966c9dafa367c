/** The web pages: redirects, single-page routing, hashed assets and the storefront settings. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import { testConfig } from '../helpers/test-time.js';
import { buildApp } from '../../src/server/app.js';
import type { FastifyInstance } from 'fastify';
import { sqliteKind, type TestDatabase } from '../helpers/databases.js';

describe('web pages', () => {
  let dir: string;
  let engine: Engine;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let database: TestDatabase;
  let asked = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'daogou-web-'));
    for (const page of ['store', 'console']) {
      mkdirSync(path.join(dir, page));
      writeFileSync(path.join(dir, page, 'index.html'), `<!doctype html><title>${page}</title>`);
    }
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'assets', 'main-abc123.js.gz'), gzipSync('console.log(1)'));
    database = await sqliteKind().create();
    engine = await createEngine(testConfig({ databaseUrl: database.url }));
    app = await buildApp(engine, {
      web: {
        dir,
        storefront: async () => {
          asked++;
          return { publicKey: 'dg_pub_x', shoppers: [{ id: 'C1', name: 'Ann', description: 'd', token: 't' }] };
        },
      },
    });
    bare = await buildApp(engine, { web: { dir: path.join(dir, 'missing') } });
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await engine?.close();
    await database?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the root to the store and every store path to the store page', async () => {
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/store/');
    for (const url of ['/store/', '/store/product/SKU-1', '/store/search?q=x']) {
      const page = await app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('<title>store</title>');
    }
    expect((await app.inject({ url: '/console/customers/C1' })).body).toContain('<title>console</title>');
  });

  it('serves hashed assets with a long cache life and no key', async () => {
    const asset = await app.inject({ url: '/assets/main-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/assets/none.js' })).statusCode).toBe(404);
    // Browsers that accept gzip get the file the build compressed.
    const gzipped = await app.inject({ url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe('console.log(1)');
  });

  it('gives the storefront its browser key and shoppers, asking the engine once per period', async () => {
    const first = await app.inject({ url: '/store/config.json' });
    await app.inject({ url: '/store/config.json' });
    expect(first.json()).toEqual({
      publicKey: 'dg_pub_x',
      shoppers: [{ id: 'C1', name: 'Ann', description: 'd', token: 't' }],
    });
    expect(asked).toBe(1);
  });

  it('says how to build the pages when they are missing', async () => {
    const page = await bare.inject({ url: '/store/' });
    expect(page.statusCode).toBe(503);
    expect(page.json().detail).toContain('npm run build');
  });
});
