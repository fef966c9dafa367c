import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind, type TestDatabase } from '../../../test/helpers/databases.js';
import { loadSmallStore } from '../../../test/helpers/small-store.js';
import { testConfig } from '../../../test/helpers/test-time.js';
import { DAY_MS, type StoredEvent } from '../../domain/index.js';
import { createEngine, type Engine } from '../../engine/engine.js';
import { readLogColumns, usableEvent, type LogColumns } from './log-columns.js';

describe('reading a window of the log into columns', () => {
  let database: TestDatabase;
  let engine: Engine;
  let itemIds: string[];

  beforeAll(async () => {
    database = await sqliteKind().create();
    engine = await createEngine(testConfig({ databaseUrl: database.url }));
    await loadSmallStore(engine);
    itemIds = (await engine.store.items.list({ limit: 1000 })).map((i) => i.id);
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await database?.cleanup();
  });

  const plain = (c: LogColumns) => ({
    users: [...c.log.users].map((u) => c.log.userIds[u]),
    items: [...c.log.items].map((i) => c.log.itemIds[i]),
    timestamps: [...c.log.timestamps],
    events: [...c.log.events],
    values: [...c.log.values],
    channels: [...c.channels].map((k) => c.channelNames[k]),
    orders: [...c.orders!].map((o) => o >= 0),
    lastSeq: c.lastSeq,
  });

  it('is the whole log, column for column, when the bounds do not cut', async () => {
    const whole = await readLogColumns(engine.store, itemIds);
    const wide = await readLogColumns(engine.store, itemIds, {
      limits: { maxEvents: 1e9, maxAgeMs: 1e5 * DAY_MS },
      pageSize: 7,
    });
    expect(whole.log.size).toBeGreaterThan(1000);
    expect(plain(wide)).toEqual(plain(whole));
    expect(wide.log.itemIds).toEqual(whole.log.itemIds);
  });

  it('reads only the newest positions, and only the recent days', async () => {
    const events: StoredEvent[] = [];
    for (let after = 0; ;) {
      const page = await engine.store.events.scan(after, 5000);
      events.push(...page);
      if (page.length < 5000) break;
      after = page[page.length - 1]!.seq;
    }
    const lastSeq = events[events.length - 1]!.seq;
    const usable = (keep: (e: (typeof events)[number]) => boolean) =>
      events.filter((e) => keep(e) && usableEvent(e) && (e.customerId ?? e.anonymousId) !== null).length;
    const reports: number[] = [];
    const newest = await readLogColumns(engine.store, itemIds, {
      limits: { maxEvents: 500, maxAgeMs: null },
      onPage: (_read, positions) => void reports.push(positions),
    });
    expect(newest.lastSeq).toBe(lastSeq);
    expect(newest.log.size).toBe(usable((e) => e.seq > lastSeq - 500));
    expect(reports.every((p) => p === 500)).toBe(true);
    // Catalogue items stay in the item index (cold items) however few events are read.
    expect(newest.log.itemIds.slice(0, itemIds.length)).toEqual(itemIds);

    const newestTs = Math.max(...events.map((e) => e.timestamp));
    const recent = await readLogColumns(engine.store, itemIds, { limits: { maxEvents: null, maxAgeMs: 7 * DAY_MS } });
    expect(recent.log.size).toBe(usable((e) => e.timestamp >= newestTs - 7 * DAY_MS));
    expect(recent.log.size).toBeLessThan(usable(() => true));
    expect(Math.min(...recent.log.timestamps) * 1000).toBeGreaterThanOrEqual(newestTs - 7 * DAY_MS);
  });
});
