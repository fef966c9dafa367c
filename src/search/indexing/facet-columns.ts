/**
 * Per-slot category and brand ids, prices and popularity, kept in step with the index, so facet counting and the
 * ranking of a broad query's matches read no documents (each a cache miss on a large catalogue).
 */
import type { SearchDocument } from '../search-document.js';

/** Strings numbered in first-seen order (ids are never reused, so counts arrays can be sized once). */
export class Dictionary {
  /** Value by id. */
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  /** The id of a value, adding it when new. */
  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/** Category and brand of every slot as dictionary ids (-1: none, or empty, as facet counting skips those). */
export class FacetColumns {
  /** Category path values. */
  readonly categories = new Dictionary();
  /** Brand values. */
  readonly brands = new Dictionary();
  /** Category id by slot. */
  readonly category: number[] = [];
  /** Brand id by slot. */
  readonly brand: number[] = [];
  /** Price by slot (meaningful where `priced` is 1). */
  readonly price: number[] = [];
  /** 1 where the document has a price, else 0 (a NaN price still counts, as it does in a document). */
  readonly priced: number[] = [];
  /** Stock by slot: 1 when `inStock ?? true` is true, 0 when false, 2 otherwise (what the stock filter compares). */
  readonly inStock: number[] = [];
  /** log1p of the popularity prior by slot; 0 without one (the ranking's prior multiplies by 1 then). */
  readonly popularityLog: number[] = [];

  /** Records the document now in a slot. */
  set(slot: number, doc: SearchDocument): void {
    // Slots are filled in order (new slots append, freed ones are reused), so the arrays stay packed.
    this.category[slot] = doc.category ? this.categories.intern(doc.category) : -1;
    this.brand[slot] = doc.brand ? this.brands.intern(doc.brand) : -1;
    this.price[slot] = doc.price ?? 0;
    this.priced[slot] = doc.price === undefined ? 0 : 1;
    const stock = doc.inStock ?? true;
    this.inStock[slot] = stock === true ? 1 : stock === false ? 0 : 2;
    this.popularityLog[slot] = doc.popularity ? Math.log1p(Math.max(0, doc.popularity)) : 0;
  }

  /** Marks a slot empty. */
  clear(slot: number): void {
    this.category[slot] = -1;
    this.brand[slot] = -1;
    this.price[slot] = 0;
    this.priced[slot] = 0;
    this.inStock[slot] = 2;
    this.popularityLog[slot] = 0;
  }
}
