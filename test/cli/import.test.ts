/** `daogou import` and `daogou datasets` on a real SQLite file: atomicity, line numbers, reject reports. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetPath, missingDatasetMessage } from '../../src/datasets/location.js';
import { Store } from '../../src/store/store.js';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou import', () => {
  let dir: string;
  let db: string;
  const count = async () => {
    const store = await Store.open(db);
    try {
      return {
        items: await store.items.count(),
        events: await store.events.count(),
        customers: await store.customers.count(),
      };
    } finally {
      await store.close();
    }
  };
  const lines = (...records: unknown[]) =>
    records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
  const view = (id: string, extra: object = {}) => ({
    id,
    type: 'view',
    customerId: 'c1',
    itemId: 'SKU-1',
    timestamp: '2026-01-01T00:00:00Z',
    ...extra,
  });

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-'));
    db = `sqlite:${path.join(dir, 'daogou.db')}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops at the first invalid line, naming line and field, and imports nothing', async () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, lines(view('e1'), view('e2'), view('e3', { quantity: -1 }), view('e4')));
    const run = await runDaogou(['--database', db, 'import', '--kind', 'events', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 3: quantity: .*greater or equal to 0/);
    expect(run.stderr).toMatch(/nothing was imported/);
    expect((await count()).events).toBe(0);
  });

  it('reports an unparseable line by number', async () => {
    const file = path.join(dir, 'broken.jsonl');
    writeFileSync(file, lines(view('e1'), '{"id": "e2", "type": "vi', view('e3')));
    const run = await runDaogou(['--database', db, 'import', '--kind', 'events', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 2: \(line\): not valid JSON/);
    expect((await count()).events).toBe(0);
  });

  it('with --skip-invalid imports the valid lines and writes a reject report', async () => {
    const file = path.join(dir, 'mixed.jsonl');
    const rejects = path.join(dir, 'rejects.jsonl');
    writeFileSync(
      file,
      lines(
        view('m1'),
        view('m2', { type: 'teleport' }),
        view('m3'),
        view('m4', { timestamp: '2999-01-01T00:00:00Z' }),
      ),
    );
    const run = await runDaogou([
      '--database',
      db,
      'import',
      '--kind',
      'events',
      file,
      '--skip-invalid',
      '--rejects',
      rejects,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/imported 0 items, 0 customers, 2 events/);
    expect(run.stdout).toMatch(/rejected 2 invalid records/);
    const report = readFileSync(rejects, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(report.map((r) => [r.line, r.issues[0].field])).toEqual([
      [2, 'type'],
      [4, 'timestamp'],
    ]);
    expect((await count()).events).toBe(2);
  });

  it('imports items (CSV) and events (JSONL) together; a re-import is idempotent', async () => {
    const items = path.join(dir, 'items.csv');
    writeFileSync(
      items,
      'id,title,category,price,attributes.color,tags\nSKU-1,红色连衣裙,女装/连衣裙,199,红色,new|summer\nSKU-2,"Kettle, steel",Home/Kitchen,25.5,silver,\n',
    );
    const events = path.join(dir, 'events.jsonl');
    writeFileSync(
      events,
      lines(view('x1'), view('x2', { itemId: 'SKU-2', type: 'purchase', quantity: 2, price: 25.5, orderId: 'o1' })),
    );
    const first = await runDaogou([
      '--database',
      db,
      'import',
      '--items',
      items,
      '--events',
      events,
      '--strict',
      '--json',
    ]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: { items: 2, events: 2 }, duplicateEvents: 0 });
    const again = await runDaogou(['--database', db, 'import', '--items', items, '--events', events, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: { events: 0 }, duplicateEvents: 2 });
    const store = await Store.open(db);
    const kettle = await store.items.get('SKU-2');
    await store.close();
    expect(kettle).toMatchObject({ title: 'Kettle, steel', price: 25.5, attributes: { color: 'silver' } });
  });

  it('in strict mode rejects events for unknown items', async () => {
    const events = path.join(dir, 'strict.jsonl');
    writeFileSync(events, lines(view('s1', { itemId: 'NOPE' })));
    const run = await runDaogou(['--database', db, 'import', '--events', events, '--strict']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 1: itemId: unknown item "NOPE"/);
  });

  it('says what is wrong with the command line', async () => {
    const none = await runDaogou(['--database', db, 'import']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing to import/);
    const missing = await runDaogou(['--database', db, 'import', '--kind', 'events', path.join(dir, 'nope.jsonl')]);
    expect(missing.stderr).toMatch(/does not exist/);
    const format = await runDaogou(['--database', db, 'import', '--format', 'nope', 'x']);
    expect(format.code).not.toBe(0);
    expect(format.stderr).toMatch(/Allowed choices are/);
  });

  const france = datasetPath('online-retail-france');
  if (!france) console.warn(missingDatasetMessage('online-retail-france'));
  it.skipIf(!france)('fetches a public dataset from a local copy, verifies it and imports it', async () => {
    const target = `sqlite:${path.join(dir, 'france.db')}`;
    const run = await runDaogou([
      '--database',
      target,
      '--data-dir',
      dir,
      'datasets',
      'fetch',
      'online-retail-france',
      '--from',
      path.dirname(france!),
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/files verified \(local/);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(result.imported.events).toBe(8557);
    expect(result.rejected).toBe(0);
  });
});
