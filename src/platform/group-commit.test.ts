import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind, type TestDatabase } from '../../test/helpers/databases.js';
import { normaliseEvent, type NewEvent } from '../domain/index.js';
import { Store } from '../store/store.js';
import { GroupCommitter } from './group-commit.js';

const event = (id: string): NewEvent =>
  normaliseEvent({ id, type: 'view', customerId: 'c', itemId: 'i' }, Date.UTC(2026, 0, 1));

describe('GroupCommitter', () => {
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

  it('writes concurrent appends in shared transactions and returns each its own count', async () => {
    const groups: number[] = [];
    const committer = new GroupCommitter<NewEvent[], number>(store, async (batches, repos) => {
      groups.push(batches.length);
      const counts = [];
      for (const b of batches) counts.push(await repos.events.insertMany(b));
      return counts;
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => committer.append([event(`g-${i}`), event(`g-${i % 5}`)])),
    );
    expect(results.reduce((a, b) => a + b, 0)).toBe(50);
    expect(groups.length).toBeLessThan(50);
    expect(await store.events.count()).toBe(50);
  });

  it('isolates a failing batch from its neighbours', async () => {
    const committer = new GroupCommitter<NewEvent[], number>(store, async (batches, repos) => {
      const counts = [];
      for (const b of batches) {
        if (b.some((e) => e.id === 'poison')) throw new Error('bad batch');
        counts.push(await repos.events.insertMany(b));
      }
      return counts;
    });
    const outcomes = await Promise.allSettled([
      committer.append([event('ok-1')]),
      committer.append([event('poison')]),
      committer.append([event('ok-2')]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.events.getByIds(['ok-1', 'ok-2', 'poison'])).map((e) => e.id).sort()).toEqual(['ok-1', 'ok-2']);
  });

  it('with gather, writes what one turn of the event loop appends in one transaction, in order', async () => {
    const groups: string[][] = [];
    const committer = new GroupCommitter<string, string>(
      store,
      async (ids, repos) => {
        groups.push(ids);
        for (const id of ids) await repos.meta.set('gathered', id);
        return ids.map((id) => `stored ${id}`);
      },
      { gather: true },
    );
    // Appended one after another in the same turn: without gather, the first would be written alone.
    const results = await Promise.all(['a', 'b', 'c'].map((id) => committer.append(id)));
    expect(results).toEqual(['stored a', 'stored b', 'stored c']);
    expect(groups).toEqual([['a', 'b', 'c']]);
    expect(await store.meta.get('gathered')).toBe('c');
    await committer.append('d');
    await committer.idle();
    expect(groups).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
