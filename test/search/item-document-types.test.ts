/**
 * The search document keeps the API item's field list: a field added to the item schema and not mapped
 * by src/search/service/item-document.ts (or the other way) fails `npm run typecheck` here, as
 * test/web/console-types.test.ts does for the console's copy.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ItemSchema, type Item as ApiItem } from '../../src/domain/index.js';
import type { IndexedDocument, SearchItemView } from '../../src/search/service/item-document.js';

/** What the search side does with each API item field. */
type Fate = 'indexed' | 'shown, not indexed' | 'decides whether the item is indexed' | 'not used';

/** Item fields the document does not carry: inactive items are left out, the update time plays no part. */
type NotCarried = 'active' | 'updatedAt';
/** Document fields computed rather than copied from the item. */
type Derived = 'inStock' | 'popularity';

describe('search document types', () => {
  it('the indexed document and the search hit carry exactly the API item fields, less the ones left out', () => {
    expectTypeOf<Exclude<keyof IndexedDocument, Derived>>().toEqualTypeOf<Exclude<keyof ApiItem, NotCarried>>();
    expectTypeOf<keyof SearchItemView>().toEqualTypeOf<Exclude<keyof ApiItem, NotCarried> | 'inStock'>();
    const fields: Record<keyof ApiItem, Fate> = {
      id: 'indexed',
      title: 'indexed',
      description: 'indexed',
      category: 'indexed',
      brand: 'indexed',
      price: 'indexed',
      currency: 'indexed',
      stock: 'shown, not indexed',
      attributes: 'indexed',
      images: 'shown, not indexed',
      tags: 'indexed',
      translations: 'indexed',
      active: 'decides whether the item is indexed',
      createdAt: 'indexed',
      updatedAt: 'not used',
    };
    // The runtime schema (what the API validates and documents) lists the same fields.
    expect(Object.keys(ItemSchema.properties).sort()).toEqual(Object.keys(fields).sort());
  });
});
