/** The storage contract of image features and attribute suggestions, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import type { StoredAttributeSuggestion } from './repositories/attribute-suggestion-repository.js';
import type { StoredImageFeatures } from './repositories/image-feature-repository.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 2, 1);

function features(
  itemId: string,
  imageUrl: string,
  vector: number[] | null,
  phash: string | null,
): StoredImageFeatures {
  return {
    itemId,
    imageUrl,
    model: 'clothing',
    embedding: vector ? Float32Array.from(vector) : null,
    colours: vector ? [{ key: 'navy', en: 'navy', zh: '藏青色', hex: '#1f2a44', share: 0.8 }] : [],
    pattern: vector ? { kind: 'striped' } : null,
    phash,
    error: vector ? null : 'not a readable image',
    computedAt: T0,
  };
}

function suggestion(
  id: string,
  itemId: string,
  field: string,
  value: string,
  confidence: number,
): StoredAttributeSuggestion {
  return {
    id,
    itemId,
    field,
    value,
    confidence,
    source: 'vision:clothing',
    status: 'pending',
    body: { note: '颜色' },
    createdAt: T0,
    decidedAt: null,
  };
}

/** Registers the vision storage contract tests for one backend. */
export function visionStoreContract(kind: TestDatabaseKind): void {
  describe(`vision storage contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(() => closeTestStore(store, database));

    it('stores embeddings bit for bit, replaces an item’s images, and lists hashes and counts', async () => {
      const v = [0.6, -0.8, 1 / 3, 1e-7];
      await store.transaction((r) =>
        r.imageFeatures.replaceForItem('a', [features('a', 'https://x/a1.jpg', v, 'ffff0000ffff0000')]),
      );
      await store.transaction((r) =>
        r.imageFeatures.replaceForItem('b', [
          features('b', 'https://x/b1.jpg', [1, 0, 0, 0], '0f0f0f0f0f0f0f0f'),
          features('b', 'https://x/b2.jpg', null, null),
        ]),
      );
      const a = await store.imageFeatures.forItem('a');
      expect(a).toHaveLength(1);
      expect([...a[0]!.embedding!]).toEqual([...Float32Array.from(v)]);
      expect(a[0]!.colours).toEqual([{ key: 'navy', en: 'navy', zh: '藏青色', hex: '#1f2a44', share: 0.8 }]);
      expect(a[0]!.pattern).toEqual({ kind: 'striped' });
      expect((await store.imageFeatures.listWithEmbeddings('clothing')).map((f) => f.imageUrl)).toEqual([
        'https://x/a1.jpg',
        'https://x/b1.jpg',
      ]);
      expect(await store.imageFeatures.listWithEmbeddings('other')).toEqual([]);
      expect((await store.imageFeatures.listHashes()).map((h) => h.phash)).toEqual([
        'ffff0000ffff0000',
        '0f0f0f0f0f0f0f0f',
      ]);
      expect(await store.imageFeatures.counts()).toEqual({ images: 3, failed: 1, items: 2 });
      await store.transaction((r) => r.imageFeatures.replaceForItem('b', []));
      expect(await store.imageFeatures.forItem('b')).toEqual([]);
      expect((await store.imageFeatures.forItems(['a', 'b'])).map((f) => f.itemId)).toEqual(['a']);
    });

    it('supersedes pending suggestions, keeps rejected values from coming back, decides once', async () => {
      await store.transaction((r) =>
        r.attributeSuggestions.replacePendingForItem(
          'a',
          [suggestion('s1', 'a', 'colour', 'navy', 0.7), suggestion('s2', 'a', 'category', 'shirt', 0.9)],
          T0,
        ),
      );
      expect((await store.attributeSuggestions.list()).map((s) => s.id)).toEqual(['s2', 's1']);
      expect(await store.attributeSuggestions.decide('s1', 'rejected', T0 + 1)).toBe(true);
      expect(await store.attributeSuggestions.decide('s1', 'accepted', T0 + 2)).toBe(false);
      const added = await store.transaction((r) =>
        r.attributeSuggestions.replacePendingForItem(
          'a',
          [suggestion('s3', 'a', 'colour', 'navy', 0.8), suggestion('s4', 'a', 'pattern', 'striped', 0.6)],
          T0 + 3,
        ),
      );
      expect(added).toBe(1);
      expect((await store.attributeSuggestions.list({ itemId: 'a' })).map((s) => s.id)).toEqual(['s4']);
      expect((await store.attributeSuggestions.get('s2'))?.status).toBe('superseded');
      const rejected = await store.attributeSuggestions.list({ status: 'rejected' });
      expect(rejected.map((s) => [s.id, s.decidedAt, s.body])).toEqual([['s1', T0 + 1, { note: '颜色' }]]);
    });
  });
}
