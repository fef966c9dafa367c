/** `daogou import` of a file large enough (over 1 MiB) to be read on the import worker thread. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { runDaogou } from '../helpers/run-cli.js';

const EVENTS = 9000;

describe('daogou import of a large file', () => {
  let dir: string;
  let db: string;
  let file: string;
  const countEvents = async () => {
    const store = await Store.open(db);
    try {
      return await store.events.count();
    } finally {
      await store.close();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-large-'));
    db = `sqlite:${path.join(dir, 'daogou.db')}`;
    const lines = Array.from({ length: EVENTS }, (_, n) =>
      JSON.stringify({
        id: `big-${n}`,
        type: n % 10 === 0 ? 'purchase' : 'view',
        customerId: `c${n % 300}`,
        itemId: `SKU-${n % 97}`,
        sessionId: `s${Math.floor(n / 8)}`,
        timestamp: '2026-01-01T00:00:00Z',
        properties: { page: `/items/${n % 97}` },
      }),
    );
    // The last line names a field wrongly: the whole file must be refused, or skipped past.
    lines.push(JSON.stringify({ id: 'big-bad', type: 'view', customerId: 'c1', itemId: 'SKU-1', quantity: 'two' }));
    file = path.join(dir, 'events.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the whole file at its one bad line', async () => {
    const run = await runDaogou(['--database', db, 'import', '--kind', 'events', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`line ${EVENTS + 1}: quantity: .* — nothing was imported`));
    expect(await countEvents()).toBe(0);
  });

  it('with --skip-invalid imports every other line and counts customers once', async () => {
    const rejects = path.join(dir, 'rejects.jsonl');
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
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      read: EVENTS + 1,
      imported: { events: EVENTS },
      duplicateEvents: 0,
      rejected: 1,
    });
    expect(await countEvents()).toBe(EVENTS);
    const store = await Store.open(db);
    try {
      expect(await store.customers.count()).toBe(300);
    } finally {
      await store.close();
    }
  });
});
