/**
 * Vision through HTTP on every backend: catalogue images served by a real local HTTP server, analysed by
 * the indexing job, then photo search (browser key), similar looks, duplicates and attribute suggestions.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../src/jobs/worker.js';
import { MAX_PHOTO_BYTES } from '../../src/server/routes/vision.js';
import { checks, productImage, solid, stripes, type TestImage } from '../../src/vision/test-images.test-data.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

async function png(image: TestImage): Promise<Buffer> {
  return sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
}

const RED: [number, number, number] = [200, 30, 40];
const photos: Record<string, TestImage> = {
  'red.png': productImage(120, solid(RED)),
  'red-copy.png': productImage(120, solid(RED)),
  'navy-stripes.png': productImage(120, stripes([25, 35, 80], [245, 245, 242], 6)),
  'checks.png': productImage(120, checks([20, 20, 22], [245, 210, 40], 10)),
};

let images: Server;
let base = '';

beforeAll(async () => {
  const bytes = new Map<string, Buffer>();
  for (const [name, image] of Object.entries(photos)) bytes.set(`/${name}`, await png(image));
  images = createServer((req, res) => {
    const body = bytes.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => images.close(() => resolve()));
});

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`vision API on ${kind.name}`, () => {
    let server: TestServer;
    const as = (key: string) => ({ authorization: `Bearer ${key}` });

    beforeAll(async () => {
      server = await startTestServer(kind);
      await server.engine.items.upsert([
        { id: 'red-1', title: 'Red top', category: 'Tops', images: [`${base}/red.png`] },
        { id: 'red-2', title: 'Red top again', images: [`${base}/red-copy.png`] },
        { id: 'navy', title: 'Navy striped', attributes: { colour: 'navy' }, images: [`${base}/navy-stripes.png`] },
        { id: 'checked', title: 'Checked', images: [`${base}/checks.png`] },
        { id: 'broken', title: 'Missing photo', images: [`${base}/nope.png`] },
        { id: 'plain', title: 'No photo' },
      ]);
      const run = await server.app.inject({ method: 'POST', url: '/v1/vision/index', headers: as(server.keys.admin) });
      expect(run.statusCode).toBe(202);
      await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
      const job = await server.app.inject({ url: `/v1/jobs/${run.json().id}`, headers: as(server.keys.admin) });
      expect(job.json()).toMatchObject({ status: 'done' });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
    });

    it('stores features per image, with the reason when an image cannot be read', async () => {
      const status = await server.app.inject({ url: '/v1/vision/status', headers: as(server.keys.admin) });
      expect(status.json()).toMatchObject({ model: 'clothing', images: 5, failed: 1, items: 5 });
      const navy = await server.app.inject({ url: '/v1/vision/items/navy/features', headers: as(server.keys.admin) });
      const [image] = navy.json().images;
      expect(image.colours[0]).toMatchObject({ key: 'navy', zh: '藏青色' });
      expect(image.pattern).toMatchObject({ kind: 'striped', zh: '条纹' });
      expect(image.phash).toMatch(/^[0-9a-f]{16}$/);
      const broken = await server.app.inject({
        url: '/v1/vision/items/broken/features',
        headers: as(server.keys.admin),
      });
      expect(broken.json().images[0].error).toMatch(/404/);
      const again = await server.engine.vision.index();
      expect(again.items).toBe(0); // nothing new: the sweep leaves analysed items alone
    });

    it('finds items by photo with a browser key, as base64 JSON or raw bytes', async () => {
      const photo = await png(productImage(90, solid([205, 35, 45])));
      const json = await server.app.inject({
        method: 'POST',
        url: '/v1/vision/search',
        headers: as(server.keys.public),
        payload: { image: `data:image/png;base64,${photo.toString('base64')}`, k: 3 },
      });
      expect(json.statusCode).toBe(200);
      const body = json.json();
      expect(body.matches).toHaveLength(3);
      expect(
        body.matches
          .slice(0, 2)
          .map((m: { itemId: string }) => m.itemId)
          .sort(),
      ).toEqual(['red-1', 'red-2']);
      expect(body.matches[0].score).toBeGreaterThan(0.95);
      expect(body.colours[0]).toMatchObject({ key: 'red' });
      expect(body.categories).toHaveLength(3);
      const raw = await server.app.inject({
        method: 'POST',
        url: '/v1/vision/search?k=2',
        headers: { ...as(server.keys.public), 'content-type': 'image/png' },
        payload: photo,
      });
      expect(raw.json().matches.map((m: { itemId: string }) => m.itemId)).toEqual(
        body.matches.slice(0, 2).map((m: { itemId: string }) => m.itemId),
      );
      // A file the browser knows no type for goes as application/octet-stream: the decoder reads its format.
      const untyped = await server.app.inject({
        method: 'POST',
        url: '/v1/vision/search?k=2',
        headers: { ...as(server.keys.public), 'content-type': 'application/octet-stream' },
        payload: photo,
      });
      expect(untyped.json().matches).toEqual(raw.json().matches);
    });

    it('answers bad photos with a problem naming the field, and too large ones with 413', async () => {
      const search = (payload: unknown, headers: Record<string, string> = {}) =>
        server.app.inject({
          method: 'POST',
          url: '/v1/vision/search',
          headers: { ...as(server.keys.public), ...headers },
          payload: payload as string,
        });
      const notBase64 = await search({ image: 'not base64 at all!' });
      expect(notBase64.statusCode).toBe(400);
      expect(notBase64.headers['content-type']).toMatch(/problem\+json/);
      expect(notBase64.json().detail).toMatch(/image/);
      const notImage = await search({ image: Buffer.from('hello, not a picture').toString('base64') });
      expect(notImage.statusCode).toBe(400);
      expect(notImage.json().detail).toMatch(/not a readable image/);
      const missing = await search({ k: 3 });
      expect(missing.statusCode).toBe(400);
      const tooLarge = await search({ image: 'A'.repeat(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 400) });
      expect(tooLarge.statusCode).toBe(413);
      const badK = await search({ image: 'AAAA', k: 0 });
      expect(badK.statusCode).toBe(400);
      expect(badK.json().detail).toMatch(/k/);
      // The JSON form has a schema: a misspelt field is named, not ignored.
      const misspelt = await search({ image: 'AAAA', limit: 3 });
      expect(misspelt.statusCode).toBe(400);
      expect(misspelt.json().detail).toMatch(/limit/);
      const notText = await search({ image: 42 });
      expect(notText.statusCode).toBe(400);
      expect(notText.json().detail).toMatch(/image/);
    });

    it('lists similar-looking items and near-duplicate groups', async () => {
      const similar = await server.app.inject({
        url: '/v1/vision/items/red-1/similar?k=2',
        headers: as(server.keys.public),
      });
      expect(similar.json().matches[0]).toMatchObject({ itemId: 'red-2' });
      expect(similar.json().matches.map((m: { itemId: string }) => m.itemId)).not.toContain('red-1');
      const none = await server.app.inject({ url: '/v1/vision/items/plain/similar', headers: as(server.keys.public) });
      expect(none.statusCode).toBe(409);
      const unknown = await server.app.inject({
        url: '/v1/vision/items/ghost/similar',
        headers: as(server.keys.public),
      });
      expect(unknown.statusCode).toBe(404);
      const groups = await server.app.inject({ url: '/v1/vision/duplicates', headers: as(server.keys.admin) });
      expect(groups.json().groups).toEqual([
        expect.objectContaining({
          images: [
            { itemId: 'red-1', imageUrl: `${base}/red.png` },
            { itemId: 'red-2', imageUrl: `${base}/red-copy.png` },
          ],
        }),
      ]);
      const forbidden = await server.app.inject({ url: '/v1/vision/duplicates', headers: as(server.keys.public) });
      expect(forbidden.statusCode).toBe(403);
    });

    it('offers suggestions that change an item only when accepted, once', async () => {
      const list = async (query = '') =>
        (await server.app.inject({ url: `/v1/vision/suggestions${query}`, headers: as(server.keys.admin) })).json()
          .suggestions as { id: string; itemId: string; field: string; value: string; confidence: number }[];
      const pending = await list();
      // The navy item already names its colour: only the others get colour suggestions.
      expect(
        pending
          .filter((s) => s.field === 'colour')
          .map((s) => [s.itemId, s.value])
          .sort(),
      ).toEqual(
        [
          ['checked', 'black'],
          ['red-1', 'red'],
          ['red-2', 'red'],
        ].filter(([id]) => pending.some((s) => s.itemId === id && s.field === 'colour')),
      );
      const red = pending.find((s) => s.itemId === 'red-1' && s.field === 'colour')!;
      expect(red.value).toBe('red');
      expect(red.confidence).toBeGreaterThan(0.5);
      expect((await server.engine.items.get('red-1')).attributes).toEqual({});
      const accept = (id: string) =>
        server.app.inject({
          method: 'POST',
          url: `/v1/vision/suggestions/${id}/accept`,
          headers: as(server.keys.admin),
        });
      const accepted = await accept(red.id);
      expect(accepted.json()).toMatchObject({ status: 'accepted', value: 'red' });
      expect((await server.engine.items.get('red-1')).attributes).toEqual({ colour: 'red' });
      expect((await accept(red.id)).statusCode).toBe(409);
      expect((await accept('no-such-suggestion')).statusCode).toBe(404);
      const other = (await list('?itemId=red-2')).find((s) => s.field === 'colour')!;
      const rejected = await server.app.inject({
        method: 'POST',
        url: `/v1/vision/suggestions/${other.id}/reject`,
        headers: as(server.keys.admin),
      });
      expect(rejected.json()).toMatchObject({ status: 'rejected' });
      await server.engine.vision.index({ itemIds: ['red-2'], force: true });
      expect((await list('?itemId=red-2')).filter((s) => s.field === 'colour')).toEqual([]);
      expect((await server.engine.items.get('red-2')).attributes).toEqual({});
    });
  });
}
