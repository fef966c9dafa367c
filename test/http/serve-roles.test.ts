/**
 * The process roles on a real SQLite file: `all` answers requests while its job thread is busy, `worker`
 * runs jobs without serving, `api` serves without running jobs and picks up what the worker built.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { PROFILES_JOB } from '../../src/jobs/customer-jobs.js';
import { VISION_INDEX_JOB } from '../../src/jobs/vision-jobs.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { productImage, solid, stripes, type TestImage } from '../../src/vision/test-images.test-data.js';
import { BLOCK_JOB } from '../helpers/blocking-job.js';
import { testConfig } from '../helpers/test-time.js';

const BLOCKING_JOBS = pathToFileURL(path.resolve(import.meta.dirname, '../helpers/blocking-job.ts')).href;

/** Catalogue photos, drawn here and served over real HTTP as a shop's image host would. */
const photos: Record<string, TestImage> = {
  'red.png': productImage(96, solid([200, 30, 40])),
  'red-copy.png': productImage(96, solid([198, 32, 42])),
  'navy-stripes.png': productImage(96, stripes([25, 35, 80], [245, 245, 242], 6)),
};
let images: Server;
let imageBase = '';

beforeAll(async () => {
  const bytes = new Map<string, Buffer>();
  for (const [name, image] of Object.entries(photos))
    bytes.set(
      `/${name}`,
      await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
        .png()
        .toBuffer(),
    );
  images = createServer((req, res) => {
    const body = bytes.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => images.close(() => resolve()));
});

describe('serve roles', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const start = async (role: Config['role'], dir?: string) => {
    const dataDir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'daogou-roles-'));
    if (!dir) cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
    const config = testConfig({
      dataDir,
      databaseUrl: `sqlite:${path.join(dataDir, 'daogou.db')}`,
      role,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      retrainHours: 0,
    });
    const server = await startServer(config, { jobModules: [BLOCKING_JOBS], worker: { pollMs: 20 } });
    cleanups.push(() => server.close());
    return { server, dataDir };
  };
  const until = async (server: RunningServer, id: string, status: string) => {
    for (;;) {
      const job = await server.engine.jobs.get(id);
      if (job?.status === status) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('all: answers requests while a job holds the job thread', async () => {
    const { server, dataDir } = await start('all');
    expect(server.workerId).toBeDefined();
    expect(server.jobs).toContain(BLOCK_JOB);
    const release = path.join(dataDir, 'release');
    const job = await server.engine.jobs.enqueue(BLOCK_JOB, { release });
    const running = await until(server, job.id, 'running');
    expect(running.lockedBy).toBe(server.workerId);

    const health = await fetch(`${server.url!}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url!}/ready`);
    expect(ready.status).toBe(200);
    // Both answered while the job was still running: it ends only when the file below appears.
    expect((await server.engine.jobs.get(job.id))?.status).toBe('running');

    writeFileSync(release, '');
    expect((await until(server, job.id, 'done')).result).toEqual({ released: true });
  });

  it('worker: runs jobs and serves nothing; api: serves and runs none', async () => {
    const { server: api, dataDir } = await start('api');
    expect(api.workerId).toBeUndefined();
    expect((await fetch(`${api.url!}/health`)).status).toBe(200);
    const job = await api.engine.jobs.enqueue(PROFILES_JOB);

    const { server: worker } = await start('worker', dataDir);
    expect(worker.app).toBeUndefined();
    expect(worker.url).toBeUndefined();
    const done = await until(api, job.id, 'done');
    // A profile fold is a quick job: the worker process runs it in its quick lane.
    expect(done.lockedBy).toBe(`${worker.workerId}/quick`);
  });

  it('api: photo search picks up the image index the worker builds', async () => {
    const { server: api, dataDir } = await start('api');
    const { server: worker } = await start('worker', dataDir);
    expect(worker.jobs).toContain(VISION_INDEX_JOB);
    await api.engine.items.upsert([
      { id: 'red-1', title: 'Red top', images: [`${imageBase}/red.png`] },
      { id: 'navy', title: 'Navy striped top', images: [`${imageBase}/navy-stripes.png`] },
    ]);
    const first = await api.engine.jobs.enqueue(VISION_INDEX_JOB, { itemIds: ['red-1', 'navy'] });
    expect((await until(api, first.id, 'done')).lockedBy).toBe(worker.workerId);
    // The API process reads the worker's features into its own index on first use.
    expect((await api.engine.vision.similarItems('red-1', 5)).map((m) => m.itemId)).toEqual(['navy']);

    await api.engine.items.upsert([{ id: 'red-2', title: 'Red top again', images: [`${imageBase}/red-copy.png`] }]);
    const second = await api.engine.jobs.enqueue(VISION_INDEX_JOB, { itemIds: ['red-2'] });
    await until(api, second.id, 'done');
    // The worker's pass moved the version: the API reloads, and the new item is found by its look.
    expect(await api.engine.vision.sync()).toBe(true);
    expect((await api.engine.vision.similarItems('red-1', 5)).map((m) => m.itemId)).toEqual(['red-2', 'navy']);
    const photo = await sharp(Buffer.from(photos['red.png']!.data), {
      raw: { width: 96, height: 96, channels: 3 },
    })
      .png()
      .toBuffer();
    expect((await api.engine.vision.searchByPhoto(photo, 2)).matches.map((m) => m.itemId).sort()).toEqual([
      'red-1',
      'red-2',
    ]);
    // Nothing new since: the next check keeps the index it has.
    expect(await api.engine.vision.sync()).toBe(false);
  }, 120_000);
});
