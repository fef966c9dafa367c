/** Shapes of the bilingual vocabulary the demo catalogue is built from. */

/** A word or phrase in Chinese and in English. */
export type Term = readonly [zh: string, en: string];

/** A brand's price position; it also describes a shopper's price sensitivity. */
export type PriceTier = 'budget' | 'mid' | 'premium';

/** A fictional brand selling in one department at one price tier. */
export interface BrandSpec {
  readonly name: string;
  readonly tier: PriceTier;
}

/** An extra attribute: stored as `key` (Chinese) and `key_en`; `inTitle` puts the value in titles. */
export interface ExtraAttributeSpec {
  readonly key: string;
  readonly values: readonly Term[];
  readonly inTitle?: boolean;
}

/** A leaf category and how its items are named, priced and described. */
export interface CategorySpec {
  /** Leaf name, e.g. ['连衣裙', 'Dresses']. */
  readonly name: Term;
  /** Product nouns that end a title, e.g. ['连衣裙', 'dress']. */
  readonly nouns: readonly Term[];
  /** Style words put before the noun. */
  readonly styles: readonly Term[];
  /** Colours from the shared palette (Chinese names), or none. */
  readonly colors?: readonly string[];
  readonly materials?: readonly Term[];
  readonly sizes?: readonly string[];
  readonly extras?: readonly ExtraAttributeSpec[];
  /** Prefixes for model codes such as 'X' → 'X200' (electronics). */
  readonly models?: readonly string[];
  /** Median price in CNY at the mid tier, and the log-normal spread around it. */
  readonly price: number;
  readonly spread: number;
  /** Share of the department's items and traffic. */
  readonly weight: number;
  readonly season?: 'summer' | 'winter';
  /** Bought again and again (quantity above one, repeat purchases). */
  readonly consumable?: boolean;
  /** Leaf names (any department, 'Dept/Leaf' in Chinese) browsed next to this one. */
  readonly related: readonly string[];
  /** Leaf paths whose items are bought together with this one. */
  readonly complements?: readonly string[];
  /** A sentence about the product for descriptions. */
  readonly pitch: Term;
}

/** A top-level department: categories, brands and who shops there. */
export interface DepartmentSpec {
  readonly name: Term;
  readonly brands: readonly BrandSpec[];
  readonly categories: readonly CategorySpec[];
  /** Share of traffic among women (first) and men (second); shopper tastes follow it. */
  readonly appeal: readonly [female: number, male: number];
  /** Review aspects specific to this department. */
  readonly aspects: readonly Term[];
}
