/** The smaller commands: keys, customers export/erase, stats, help; and the demo store loader. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/test-time.js';
import { prepareDemo } from '../../src/engine/demo.js';
import { createEngine } from '../../src/engine/engine.js';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou commands', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-'));
    db = `sqlite:${path.join(dir, 'daogou.db')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, lists and revokes keys', async () => {
    const created = await runDaogou([
      '--database',
      db,
      'keys',
      'create',
      '--scope',
      'ingest',
      '--name',
      'shop backend',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const { key, id } = JSON.parse(created.stdout);
    expect(key).toMatch(/^dg_ing_/);
    const list = await runDaogou(['--database', db, 'keys', 'list']);
    expect(list.stdout).toMatch(/ingest\s+active\s+.*shop backend/);
    expect(list.stdout).not.toContain(key);
    expect((await runDaogou(['--database', db, 'keys', 'revoke', id])).code).toBe(0);
    expect((await runDaogou(['--database', db, 'keys', 'list'])).stdout).toMatch(/revoked/);
    const again = await runDaogou(['--database', db, 'keys', 'revoke', id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no active key/);
    const badScope = await runDaogou(['--database', db, 'keys', 'create', '--scope', 'root', '--name', 'x']);
    expect(badScope.code).not.toBe(0);
    expect(badScope.stderr).toMatch(/Allowed choices are admin, ingest, public/);
  });

  it('loads the demo store once, exports and erases a customer, and prints stats', async () => {
    const engine = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    const small = { items: 120, customers: 80, days: 30, anchor: Date.UTC(2026, 10, 1) };
    const first = await prepareDemo(engine, undefined, small);
    expect(first.summary).toMatch(/^loaded 120 items, 80 customers and [\d,]+ events/);
    expect(existsSync(path.join(dir, 'demo-keys.json'))).toBe(true);
    const second = await prepareDemo(engine, undefined, small);
    expect(second.summary).toMatch(/^loaded \d{4}-\d{2}-\d{2};/);
    expect(second.adminKey).toBe(first.adminKey);
    expect(await engine.keys.verify(first.publicKey)).toMatchObject({ scope: 'public' });
    const customer = first.sampleCustomerId;
    await engine.close();

    const stats = await runDaogou(['--database', db, 'stats', '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ items: 120, customers: 80 });

    const out = path.join(dir, 'export.json');
    const exported = await runDaogou(['--database', db, 'customers', 'export', customer, '--out', out]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).customer.id).toBe(customer);
    const erased = await runDaogou(['--database', db, 'customers', 'erase', customer, '--events', 'delete']);
    expect(erased.stdout).toMatch(new RegExp(`erased customer ${customer}: customer record deleted`));
    const gone = await runDaogou(['--database', db, 'customers', 'export', customer]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no data is held/);
  });

  it('has help for every command', async () => {
    for (const args of [
      ['--help'],
      ['serve', '--help'],
      ['import', '--help'],
      ['datasets', '--help'],
      ['keys', '--help'],
      ['customers', '--help'],
      ['stats', '--help'],
    ]) {
      const run = await runDaogou(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Usage: daogou/);
    }
  });
});
