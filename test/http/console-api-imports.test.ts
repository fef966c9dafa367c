/** File uploads imported as jobs on every backend: progress, results, errors naming line and field, clean-up. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Worker } from '../../src/jobs/worker.js';
import { allDatabaseKinds } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

const ITEMS_CSV =
  'id,title,price,category\nsku-1,连衣裙,199,女装/连衣裙\nsku-2,Teapot,35,Home/Kitchen\nsku-3,Mug,12,Home/Kitchen\n';
const event = (n: number, extra: object = {}) =>
  JSON.stringify({
    id: `up-${n}`,
    type: 'view',
    customerId: `c${n % 7}`,
    itemId: 'sku-1',
    timestamp: 1_767_225_600_000 + n,
    ...extra,
  });

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`imports API on ${kind.name}`, () => {
    let server: TestServer;
    let dataDir: string;
    const upload = (qs: string, payload: string, contentType = 'text/csv', key = server.keys.admin) =>
      server.app.inject({
        method: 'POST',
        url: `/v1/imports?${qs}`,
        headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
        payload,
      });
    const finish = async (jobId: string) => {
      await new Worker(server.engine.store, server.engine.jobs, server.engine.clock).drain();
      return (
        await server.app.inject({ url: `/v1/jobs/${jobId}`, headers: { authorization: `Bearer ${server.keys.admin}` } })
      ).json();
    };
    const uploads = () => readdirSync(path.join(dataDir, 'imports'));

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-imports-'));
      server = await startTestServer(kind, { dataDir, importLimitBytes: 4 * 1024 * 1024 });
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('imports an uploaded CSV as a job and removes the file afterwards', async () => {
      const res = await upload('kind=items&filename=catalogue.csv', ITEMS_CSV, 'text/csv; charset=utf-8');
      expect(res.statusCode).toBe(202);
      const queued = res.json();
      expect(queued).toMatchObject({ name: 'data.import', status: 'queued' });
      expect(uploads()).toHaveLength(1);
      const job = await finish(queued.id);
      expect(job).toMatchObject({ status: 'done', progress: 1 });
      expect(job.result).toMatchObject({
        file: 'catalogue.csv',
        lines: 4,
        read: 3,
        imported: { items: 3, customers: 0, events: 0 },
        rejected: 0,
      });
      expect((await server.engine.store.items.get('sku-1'))?.title).toBe('连衣裙');
      expect(uploads()).toHaveLength(0);
    });

    it('reports progress by the share of lines read', async () => {
      const lines = Array.from({ length: 25_000 }, (_, n) => event(n)).join('\n');
      const res = await upload('kind=events', lines, 'application/x-ndjson');
      expect(res.statusCode).toBe(202);
      const heartbeat = vi.spyOn(server.engine.store.jobs, 'heartbeat');
      try {
        const job = await finish(res.json().id);
        expect(job.status).toBe('done');
        expect(job.result).toMatchObject({ lines: 25_000, imported: { events: 25_000 } });
        const fractions = heartbeat.mock.calls.filter((c) => c[0] === job.id).map((c) => c[3]);
        expect(fractions).toEqual(expect.arrayContaining([0.4, 0.8]));
      } finally {
        heartbeat.mockRestore();
      }
    });

    it('fails the job naming the line and field when a line is invalid, storing nothing', async () => {
      const before = await server.engine.store.events.count();
      const body = [event(100_001), event(100_002), event(100_003, { quantity: -1 })].join('\n');
      const res = await upload('kind=events&filename=events.jsonl', body, 'application/jsonl');
      const job = await finish(res.json().id);
      expect(job.status).toBe('failed');
      expect(job.lastError).toMatch(/^events\.jsonl line 3: quantity/);
      expect(job.lastError).not.toContain(dataDir);
      expect(job.result.error.issues).toEqual([expect.objectContaining({ line: 3, field: 'quantity' })]);
      expect(await server.engine.store.events.count()).toBe(before);
      expect(uploads()).toHaveLength(0);
    });

    it('imports the valid lines and lists the rejected ones with skipInvalid', async () => {
      const body = [event(200_001), '{not json', event(200_003, { quantity: -1 }), event(200_004)].join('\n');
      const res = await upload('kind=events&format=jsonl&skipInvalid=true', body, 'application/octet-stream');
      const job = await finish(res.json().id);
      expect(job.status).toBe('done');
      expect(job.result).toMatchObject({ imported: { events: 2 }, rejected: 2 });
      expect(job.result.rejections.map((r: { line: number }) => r.line)).toEqual([2, 3]);
      expect(job.result.rejections[1].issues[0].field).toBe('quantity');
    });

    it('reads a public format through its adapter', async () => {
      const body = ' 00001 19970101  1   11.77\n 00002 19970112  5   77.00\n';
      const res = await upload('adapter=cdnow', body, 'application/octet-stream');
      const job = await finish(res.json().id);
      expect(job.status).toBe('done');
      expect(job.result).toMatchObject({ file: 'CDNOW_master.txt', imported: { items: 1, customers: 2, events: 2 } });
    });

    it('refuses bad uploads with problems naming the parameter, before storing anything', async () => {
      const fieldOf = async (res: Awaited<ReturnType<typeof upload>>) => {
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        return res.json().errors[0].field;
      };
      expect(await fieldOf(await upload('', ITEMS_CSV))).toBe('querystring.kind');
      expect(await fieldOf(await upload('kind=items', ITEMS_CSV, 'application/octet-stream'))).toBe(
        'querystring.format',
      );
      expect(await fieldOf(await upload('kind=orders', ITEMS_CSV))).toBe('querystring.kind');
      expect(await fieldOf(await upload('adapter=movielens', ITEMS_CSV))).toBe('querystring.adapter');
      expect(await fieldOf(await upload('adapter=nope', ITEMS_CSV))).toBe('querystring.adapter');
      expect(await fieldOf(await upload('kind=items', ''))).toBe('body');
      const json = await upload('kind=items', '{"id":"x"}', 'application/json');
      expect(json.statusCode).toBe(415);
      const tooBig = await upload('kind=events', 'x'.repeat(4 * 1024 * 1024 + 1), 'application/x-ndjson');
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().type).toBe('urn:daogou:problem:body-too-large');
      expect((await upload('kind=items', ITEMS_CSV, 'text/csv', server.keys.ingest)).statusCode).toBe(403);
      expect(uploads()).toHaveLength(0);
      expect((await server.engine.jobs.recent(50, 'data.import')).length).toBe(5);
    });
  });
}
