import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { systemEvent } from '../../domain/index.js';
import { Store } from '../store.js';
import { startSqliteCheckpoints } from './sqlite-checkpointer.js';

const T0 = Date.UTC(2026, 0, 1);
const dirs: string[] = [];

async function openStore(): Promise<{ store: Store; file: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-checkpoint-'));
  dirs.push(dir);
  const file = path.join(dir, 'daogou.db');
  return { store: await Store.open(`sqlite:${file}`), file };
}

async function autoCheckpoint(store: Store): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
  return rows[0]!.wal_autocheckpoint;
}

const views = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) =>
    systemEvent({
      id: `${prefix}-${i}`,
      type: 'view',
      customerId: `c${i % 50}`,
      itemId: `i${i % 20}`,
      timestamp: T0 + i,
    }),
  );

// A deadline in elapsed time (monotonic), not a date: the test reads no calendar.
async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite checkpoints in the background', () => {
  it('turns the connection’s own checkpoints off and copies the log into the database file from a worker thread', async () => {
    const { store, file } = await openStore();
    expect(await autoCheckpoint(store)).toBe(1000);
    expect(await store.upkeepInBackground(50)).toBe(true);
    expect(await autoCheckpoint(store)).toBe(0);
    const before = statSync(file).size;
    // Small writes, as a server makes them: none of these commits checkpoints by itself any more.
    for (let i = 0; i < 40; i++) await store.events.insertMany(views(500, `w${i}`));
    // The rows reach the database file while this connection stays open (closing it would checkpoint).
    expect(await waitFor(() => statSync(file).size > before + 1_000_000, 10_000)).toBe(true);
    expect(await store.events.count()).toBe(20_000);
    await store.close();
  });

  it('is started once however often it is asked', async () => {
    const { store } = await openStore();
    const [a, b] = await Promise.all([store.upkeepInBackground(50), store.upkeepInBackground(50)]);
    expect([a, b]).toEqual([true, true]);
    await store.events.insertMany(views(100, 'x'));
    await store.close();
    const reopened = await Store.open(`sqlite:${path.join(dirs[0]!, 'daogou.db')}`);
    expect(await reopened.events.count()).toBe(100);
    await reopened.close();
  });

  it('hands checkpoints back to the connection when stopped', async () => {
    const { store } = await openStore();
    const upkeep = await startSqliteCheckpoints(store.db, 50);
    expect(await autoCheckpoint(store)).toBe(0);
    await upkeep!.stop();
    expect(await autoCheckpoint(store)).toBe(1000);
    await store.close();
  });

  it('has nothing to move for an in-memory database', async () => {
    const store = await Store.open('sqlite::memory:');
    expect(await store.upkeepInBackground()).toBe(false);
    await store.close();
  });
});
