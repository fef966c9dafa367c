/**
 * SQLite on a full disk: a real `serve` process runs under `prlimit --fsize` (a file-size limit a few MB
 * above the database, so its writes fail with EFBIG as on a full disk) and takes batches of events until
 * one is refused. The refusal is a clear 507 problem+json (storage-full, saying nothing was stored); the
 * process stays up and keeps answering reads; afterwards every acknowledged batch is stored whole, the
 * refused batch not at all, and the database passes SQLite's integrity check.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { sqliteDriver } from '../../src/store/dialects/sqlite-driver.js';
import { startDaogou, type DaogouProcess } from '../helpers/daogou-process.js';
import { TEST_NOW, testConfig } from '../helpers/test-time.js';

const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;
if (!hasPrlimit) console.warn('prlimit is not installed; skipping the full-disk test');

describe.skipIf(!hasPrlimit)('SQLite with a full disk', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-fulldisk-'));
  const file = path.join(dataDir, 'daogou.db');
  const databaseUrl = `sqlite:${file}`;
  let api: DaogouProcess | undefined;
  afterAll(async () => {
    await api?.kill9();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a write with 507, keeps serving reads, and stores nothing half', { timeout: 180_000 }, async () => {
    const engine = await createEngine(testConfig({ databaseUrl, dataDir, retrainHours: 0 }), () => TEST_NOW);
    const { key } = await engine.keys.create('full', 'ingest');
    await engine.close();
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    const limit = Math.max(size(file), size(`${file}-wal`)) + 3 * 2 ** 20;
    api = await startDaogou({
      role: 'all',
      databaseUrl,
      dataDir,
      env: { DAOGOU_NOW: new Date(TEST_NOW).toISOString() },
      prefix: ['prlimit', `--fsize=${limit}`],
    });

    const acknowledged: string[][] = [];
    let refused: { ids: string[]; status: number; type: string; body: { type: string; detail: string } } | undefined;
    for (let b = 0; b < 400 && !refused; b++) {
      const events = Array.from({ length: 200 }, (_, i) => ({
        id: `full-${b}-${i}`,
        type: 'view',
        customerId: `c${b}-${i}`,
        itemId: `i${i}`,
        // Padding, so the limit is reached in tens of batches.
        properties: { note: 'x'.repeat(300) },
      }));
      const res = await fetch(`${api.url}/v1/events/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      const ids = events.map((e) => e.id);
      if (res.status === 202) {
        await res.arrayBuffer();
        acknowledged.push(ids);
      } else {
        refused = {
          ids,
          status: res.status,
          type: res.headers.get('content-type') ?? '',
          body: (await res.json()) as { type: string; detail: string },
        };
      }
    }
    expect(refused, 'no batch was refused before the limit').toBeDefined();
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused!.status).toBe(507);
    expect(refused!.type).toMatch(/^application\/problem\+json/);
    expect(refused!.body.type).toBe('urn:daogou:problem:storage-full');
    expect(refused!.body.detail).toMatch(/nothing of it was stored/);

    // Still up: liveness and reads answer.
    expect(api.child.exitCode).toBeNull();
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const read = await fetch(`${api.url}/v1/customers/c0-0/timeline`, { headers: { authorization: `Bearer ${key}` } });
    expect([200, 403]).toContain(read.status);
    await api.stop();

    // Without the limit: every acknowledged batch whole, the refused one not at all, the file intact.
    const after = await createEngine(testConfig({ databaseUrl, dataDir, retrainHours: 0 }), () => TEST_NOW);
    try {
      const stored = new Set((await after.store.events.getByIds(acknowledged.flat())).map((e) => e.id));
      expect(stored.size).toBe(acknowledged.flat().length);
      expect(await after.store.events.getByIds(refused!.ids)).toHaveLength(0);
    } finally {
      await after.close();
    }
    const Sqlite = sqliteDriver();
    const raw = new Sqlite(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    console.log(`full disk: ${acknowledged.length} batches stored, batch ${acknowledged.length + 1} refused with 507`);
  });
});
