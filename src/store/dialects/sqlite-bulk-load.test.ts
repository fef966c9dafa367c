import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemEvent } from '../../domain/index.js';
import { Store, type Repositories } from '../store.js';

const T0 = Date.UTC(2026, 0, 1);
const dirs: string[] = [];

async function openStore(): Promise<{ store: Store; file: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bulk-'));
  dirs.push(dir);
  const file = path.join(dir, 'daogou.db');
  return { store: await Store.open(`sqlite:${file}`), file };
}

async function eventIndexes(repos: Repositories): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'index' and tbl_name = 'events' order by name`.execute(repos.db);
  return rows.map((r) => r.name);
}

function events(count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) =>
    systemEvent({
      id: `${prefix}-${i}`,
      type: 'view',
      customerId: `c${i % 50}`,
      itemId: `i${i % 20}`,
      channel: 'web',
      timestamp: T0 + i,
    }),
  );
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite bulk load', () => {
  it('drops the random-access indexes during the load, keeps the time ones, and rebuilds them before commit', async () => {
    const { store } = await openStore();
    const all = await eventIndexes(store);
    const during = await store.bulkTransaction(1_000_000, async (repos) => {
      await repos.events.insertMany(events(5000, 'a'));
      return eventIndexes(repos);
    });
    expect(during).not.toContain('events_customer_ts');
    expect(during).toContain('events_ts');
    expect(await eventIndexes(store)).toEqual(all);
    await store.close();
  });

  it('keeps indexes in place when the load is small next to what is stored', async () => {
    const { store } = await openStore();
    await store.events.insertMany(events(5000, 'b'));
    const during = await store.bulkTransaction(100, async (repos) => {
      await repos.events.insertMany(events(100, 'c'));
      return eventIndexes(repos);
    });
    expect(during).toContain('events_customer_ts');
    await store.close();
  });

  it('checkpoints the write-ahead log off the request thread once the load is committed', async () => {
    const { store, file } = await openStore();
    const empty = statSync(file).size;
    await store.bulkTransaction(1_000_000, (repos) => repos.events.insertMany(events(20_000, 'd')));
    // The commit itself leaves the rows in the log; the checkpoint on the worker thread copies them over
    // while this connection stays open (closing the last connection would checkpoint on its own).
    await store.settled();
    expect(statSync(file).size).toBeGreaterThan(empty + 1_000_000);
    expect(await store.events.count()).toBe(20_000);
    await store.close();
  });
});
