/**
 * PostgreSQL restarted under ingest load: a real `serve --role api` process on a private cluster of the
 * test's own (the shared server is never touched) takes batches from four clients while the server is
 * stopped (`pg_ctl -m immediate`, as in a crash) and started again. While it is down every request is
 * answered 503 problem+json (type storage-unavailable, with Retry-After), none 500; afterwards requests
 * succeed again from the same process, and every batch it acknowledged is in the event log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { startDaogou, type DaogouProcess } from '../helpers/daogou-process.js';
import { startIngestLoad } from '../helpers/ingest-load.js';
import { postgresBinDir, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { TEST_NOW, testConfig } from '../helpers/test-time.js';

const available = postgresBinDir() !== undefined;
if (!available) console.warn('no PostgreSQL server programs under /usr/lib/postgresql; skipping the restart test');

/** Polls until `done` or `tries` × 100 ms. */
async function until(done: () => boolean, tries: number): Promise<boolean> {
  for (let i = 0; i < tries && !done(); i++) await sleep(100);
  return done();
}

describe.skipIf(!available)('PostgreSQL restarted under load', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-pgrestart-'));
  let server: PrivatePostgres | undefined;
  let api: DaogouProcess | undefined;
  afterAll(async () => {
    await api?.kill9();
    server?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 problem+json while it is down and recovers without a restart', { timeout: 180_000 }, async () => {
    server = await startPrivatePostgres();
    const databaseUrl = server.url;
    const engine = await createEngine(testConfig({ databaseUrl, dataDir, retrainHours: 0 }), () => TEST_NOW);
    const { key } = await engine.keys.create('restart', 'ingest');
    await engine.close();
    api = await startDaogou({
      role: 'api',
      databaseUrl,
      dataDir,
      env: { DAOGOU_NOW: new Date(TEST_NOW).toISOString(), DAOGOU_PG_CONNECT_TIMEOUT_MS: '2000' },
    });
    const pid = api.child.pid;
    const load = startIngestLoad({
      urls: () => [api!.url],
      key,
      clients: 4,
      batchSize: 50,
      backoffMs: 100,
      batch: (prefix, size) =>
        Array.from({ length: size }, (_, i) => ({
          id: `${prefix}-${i}`,
          type: 'view',
          customerId: `c${i % 20}`,
          itemId: `i${i % 7}`,
        })),
    });
    expect(await until(() => load.tally.batches >= 20, 300)).toBe(true);

    server.stop();
    const failed = () => [...load.tally.failures.values()].reduce((a, b) => a + b, 0);
    expect(await until(() => failed() >= 10, 300), 'no request failed while the database was down').toBe(true);
    // A readiness probe says so too, so a load balancer can take the process out.
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(503);
    const duringOutage = await fetch(`${api.url}/v1/events/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ id: 'outage-probe', type: 'view', customerId: 'c1', itemId: 'i1' }] }),
    });
    expect(duringOutage.status).toBe(503);
    expect(duringOutage.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(duringOutage.headers.get('retry-after')).toBe('1');
    const problem = (await duringOutage.json()) as { type: string; detail: string };
    expect(problem.type).toBe('urn:daogou:problem:storage-unavailable');
    expect(problem.detail).toMatch(/send the request again/);

    const batchesAtRestart = load.tally.batches;
    server.start();
    expect(
      await until(() => load.tally.batches >= batchesAtRestart + 40, 600),
      'ingestion did not recover within a minute of the restart',
    ).toBe(true);
    const tally = await load.stop();

    // The same process served before, during and after: no restart of Daogou.
    expect(api.child.exitCode).toBeNull();
    expect(api.child.pid).toBe(pid);
    expect((await fetch(`${api.url}/ready`)).status).toBe(200);
    // Every failure was a clear 503 (none a 500 or a dropped connection).
    for (const what of tally.failures.keys()) expect(what).toBe('503 urn:daogou:problem:storage-unavailable');

    // Every acknowledged event is stored, once.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>('select id from events where id = any($1)', [
        tally.acknowledged,
      ]);
      expect(rows.length).toBe(tally.acknowledged.length);
    } finally {
      await client.end();
    }
    console.log(
      `PostgreSQL restart: ${tally.acknowledged.length} events acknowledged and stored; failures ${JSON.stringify([...tally.failures])}`,
    );
  });
});
