/**
 * The console's copies of API shapes keep the API's field lists: a field added to the item schema and
 * not to web/console/types.ts (or the other way) fails `npm run typecheck` here, not in a browser.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ItemSchema, type Item as ApiItem } from '../../src/domain/index.js';
import type { ItemRecord } from '../../src/store/repositories/item-repository.js';
import type { Item as ConsoleItem } from '../../web/console/types.js';

describe('console types', () => {
  it('the console item has exactly the API item fields, and so does the stored record', () => {
    expectTypeOf<keyof ConsoleItem>().toEqualTypeOf<keyof ApiItem>();
    expectTypeOf<keyof ItemRecord>().toEqualTypeOf<keyof ApiItem>();
    const fields: Record<keyof ConsoleItem, true> = {
      id: true,
      title: true,
      description: true,
      category: true,
      brand: true,
      price: true,
      currency: true,
      stock: true,
      attributes: true,
      images: true,
      tags: true,
      translations: true,
      active: true,
      createdAt: true,
      updatedAt: true,
    };
    // The runtime schema (what the API validates and documents) lists the same fields.
    expect(Object.keys(ItemSchema.properties).sort()).toEqual(Object.keys(fields).sort());
  });
});
