/** Item metadata that business rules and diversity look at, and the candidate shape they filter. */

/** What rules need to know about an item; everything is optional. */
export interface ItemMeta {
  /** Category path, e.g. `Beauty > Skin Care > Face` (separators `>` or `/`). */
  category?: string;
  price?: number;
  inStock?: boolean;
  brand?: string;
  /** Attribute values; a list (sizes, colours) matches a filter when any of its entries does. */
  attributes?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

/** A scored candidate (recommender output after top-k). */
export interface Candidate {
  item: number;
  score: number;
}

/** Looks up metadata by item index. */
export type MetaLookup = (item: number) => ItemMeta | undefined;

/** True when `category` equals `wanted` or lies below it in the category path. */
export function inCategory(category: string | undefined, wanted: string): boolean {
  if (category === undefined) return false;
  const c = normalizePath(category);
  const w = normalizePath(wanted);
  return c === w || c.startsWith(`${w}>`);
}

function normalizePath(p: string): string {
  return p
    .split(/[>/]/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
    .join('>');
}
