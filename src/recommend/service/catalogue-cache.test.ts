/** Indexed catalogue views are patched for the items changed since, and rebuilt when those are not all known. */
import { describe, expect, it } from 'vitest';
import { itemRecordFrom } from '../../platform/item-service.js';
import type { Store } from '../../store/store.js';
import { CatalogueCache } from './catalogue-cache.js';

// The store is only read by ensureLoaded/reload, which these cases do not call.
const cache = () => new CatalogueCache(undefined as unknown as Store);
const record = (id: string, extra: { category?: string; active?: boolean } = {}) =>
  itemRecordFrom({ id, title: id, ...extra }, 0);

describe('CatalogueCache.current', () => {
  it('patches only the changed items of a view and matches a fresh view', () => {
    const c = cache();
    c.itemsChanged([record('a', { category: 'x' }), record('b', { category: 'y' })]);
    const ids = ['a', 'b', 'gone'];
    const index = new Map(ids.map((id, i) => [id, i]));
    const view = c.indexed(ids);
    expect([...view.unservable]).toEqual([0, 0, 1]);
    c.itemsChanged([record('b', { category: 'z' })]);
    c.itemsChanged([record('a', { active: false })]);
    c.itemsChanged([record('gone', { category: 'x' })]);
    const patched = c.current(view, ids, index);
    expect(patched).toBe(view);
    expect(patched).toEqual(c.indexed(ids));
    expect([...patched.unservable]).toEqual([1, 0, 0]);
    expect(patched.meta[1]?.category).toBe('z');
    c.itemDeleted('b');
    expect(c.current(patched, ids, index)).toEqual(c.indexed(ids));
    expect(patched.unservable[1]).toBe(1);
  });

  it('rebuilds a view older than the changes it remembers (over 10,000 changed ids)', () => {
    const c = cache();
    const ids = ['a'];
    const view = c.indexed(ids);
    for (let b = 0; b < 11; b++) c.itemsChanged(Array.from({ length: 1000 }, (_, i) => record(`x${b}-${i}`)));
    c.itemsChanged([record('a', { category: 'late' })]);
    const fresh = c.current(view, ids, new Map([['a', 0]]));
    expect(fresh).not.toBe(view);
    expect(fresh.meta[0]?.category).toBe('late');
    expect(fresh.version).toBe(c.version);
  });
});
