/**
 * No acknowledged event lost when an API process is SIGKILLed under ingest load, on PostgreSQL: two real
 * `serve --role api` processes take batches from four clients; each round one of them is killed with
 * SIGKILL and started again while the clients carry on with the other. Every event in a batch answered
 * 202 is in the log afterwards, once. (The benchmark runs 20 rounds: `npm run bench -- scale`.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { Store } from '../../src/store/store.js';
import { postgresKind, type TestDatabase } from '../helpers/databases.js';
import { startDaogou, type DaogouProcess } from '../helpers/daogou-process.js';
import { startIngestLoad } from '../helpers/ingest-load.js';
import { TEST_NOW, testConfig } from '../helpers/test-time.js';

const ROUNDS = 3;
const kind = await postgresKind();

describe.skipIf(!kind.available)('API processes SIGKILLed under ingest load (PostgreSQL)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-api-kill-'));
  const apis: DaogouProcess[] = [];
  const all: DaogouProcess[] = [];
  let db: TestDatabase | undefined;
  afterAll(async () => {
    for (const p of all) await p.kill9();
    await db?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses no acknowledged event over ${ROUNDS} kill -9 rounds`, { timeout: 400_000 }, async () => {
    db = await kind.create();
    const databaseUrl = db.url;
    const engine = await createEngine(testConfig({ databaseUrl, dataDir, retrainHours: 0 }), () => TEST_NOW);
    const { key } = await engine.keys.create('kill', 'ingest');
    await engine.close();
    const env = { DAOGOU_NOW: new Date(TEST_NOW).toISOString() };
    const start = async () => {
      const p = await startDaogou({ role: 'api', databaseUrl, dataDir, env });
      all.push(p);
      return p;
    };
    apis.push(await start(), await start());
    const live = () => apis.filter((a) => a.child.exitCode === null && a.child.signalCode === null).map((a) => a.url);
    const load = startIngestLoad({
      urls: live,
      key,
      clients: 4,
      batchSize: 100,
      backoffMs: 20,
      batch: (prefix, size) =>
        Array.from({ length: size }, (_, i) => ({
          id: `${prefix}-${i}`,
          type: i % 10 === 0 ? 'add_to_cart' : 'view',
          customerId: `c${i % 50}`,
          itemId: `i${i % 13}`,
        })),
    });
    for (let round = 0; round < ROUNDS; round++) {
      const before = load.tally.batches;
      // Let load reach both processes before the kill.
      for (let i = 0; i < 300 && load.tally.batches < before + 20; i++) await sleep(100);
      const victim = round % apis.length;
      await apis[victim]!.kill9();
      apis[victim] = await start();
    }
    const afterRestarts = load.tally.batches;
    for (let i = 0; i < 300 && load.tally.batches < afterRestarts + 20; i++) await sleep(100);
    const tally = await load.stop();
    expect(tally.batches).toBeGreaterThan(afterRestarts);

    const store = await Store.open(databaseUrl);
    try {
      const stored = [];
      // In slices: one statement takes at most 65,535 parameters.
      for (let i = 0; i < tally.acknowledged.length; i += 10_000)
        stored.push(...(await store.events.getByIds(tally.acknowledged.slice(i, i + 10_000))));
      expect(new Set(stored.map((e) => e.id)).size).toBe(tally.acknowledged.length);
      expect(stored.length).toBe(tally.acknowledged.length);
    } finally {
      await store.close();
    }
    // The only failures are requests cut by the kill (a connection reset), never an error answer.
    for (const what of tally.failures.keys()) expect(what).toMatch(/^connection: /);
    console.log(
      `API SIGKILL: ${ROUNDS} rounds, ${tally.acknowledged.length} events acknowledged and all stored; ` +
        `failures ${JSON.stringify([...tally.failures])}`,
    );
  });
});
