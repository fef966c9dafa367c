/** Served lists reach the log in small batches, with ids that grow with time. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allDatabaseKinds, sqliteKind, type TestDatabase } from '../../../test/helpers/databases.js';
import { RecommendationLogRepository } from '../../store/repositories/recommendation-log-repository.js';
import { Store } from '../../store/store.js';
import { timeOrderedId } from './recommendation-id.js';
import { RecommendationLogger } from './recommendation-logger.js';

describe('RecommendationLogger', () => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await sqliteKind().create();
    store = await Store.open(database.url);
  });
  afterAll(async () => {
    await store.close();
    await database.cleanup();
  });

  it('writes every queued entry, in inserts of at most 50 rows, and keeps serving in between', async () => {
    const logger = new RecommendationLogger(store);
    // Watched, not replaced: the rows are written (each insert in its own transaction's repositories).
    const insertMany = vi.spyOn(RecommendationLogRepository.prototype, 'insertMany');
    const sizes = () => insertMany.mock.calls.map(([entries]) => entries.length);
    const now = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 120; i++)
      logger.add({
        id: timeOrderedId(now + i),
        surface: i % 2 ? 'for-you' : 'similar',
        customerId: `c${i}`,
        anonymousId: null,
        itemIds: ['a', 'b'],
        createdAt: now + i,
      });
    // Work queued on the event loop runs between the inserts, not after all of them.
    let insertsBefore = -1;
    setImmediate(() => (insertsBefore = sizes().length));
    await logger.flush();
    expect(sizes()).toEqual([50, 50, 20]);
    insertMany.mockRestore();
    const served = await store.recommendationLog.attribution(now - 1);
    expect(Object.fromEntries(served.map((s) => [s.surface, s.served]))).toEqual({ 'for-you': 60, similar: 60 });
    expect(logger.dropped).toBe(0);
    expect(insertsBefore).toBeGreaterThanOrEqual(0);
    expect(insertsBefore).toBeLessThan(3);
  });

  it('makes 36-character version-7 UUIDs that sort by time', () => {
    const a = timeOrderedId(Date.UTC(2026, 0, 1));
    const b = timeOrderedId(Date.UTC(2026, 0, 1, 0, 0, 1));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(timeOrderedId(Date.UTC(2026, 0, 1))).not.toBe(a);
  });
});

// On PostgreSQL the one insert statement is atomic alone: no transaction around it (two round trips fewer).
for (const kind of await allDatabaseKinds())
  describe.skipIf(!kind.available)(`RecommendationLogger on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      database = await kind.create();
      store = await Store.open(database.url);
    });
    afterAll(async () => {
      await store.close();
      await database.cleanup();
    });

    it(`writes the entries ${kind.name === 'sqlite' ? 'in a transaction' : 'without a transaction'}`, async () => {
      const logger = new RecommendationLogger(store);
      // Watched, not replaced.
      const transaction = vi.spyOn(store, 'transaction');
      const now = Date.UTC(2026, 0, 2);
      for (let i = 0; i < 70; i++)
        logger.add({
          id: timeOrderedId(now + i),
          surface: 'trending',
          customerId: null,
          anonymousId: `a${i}`,
          itemIds: ['x'],
          createdAt: now + i,
        });
      await logger.flush();
      expect(transaction).toHaveBeenCalledTimes(kind.name === 'sqlite' ? 2 : 0);
      transaction.mockRestore();
      const served = await store.recommendationLog.attribution(now - 1);
      expect(served.find((s) => s.surface === 'trending')?.served).toBe(70);
    });
  });
