/** The token type produced by the analysers. */

/** What a token is: kinds decide stemming, stop-word removal and whether typo tolerance applies. */
export type TokenKind = 'word' | 'number' | 'unit' | 'measure' | 'sku' | 'cjk';

/** One token: the indexable term, the surface form before stemming, and its span in the normalised text. */
export interface Token {
  /** The indexed term (stemmed for English words). */
  term: string;
  /** The normalised form before stemming (used for typo tolerance, prefixes and suggestions). */
  surface: string;
  /** Token kind. */
  kind: TokenKind;
  /** Start offset in the normalised text. */
  start: number;
  /** End offset (exclusive) in the normalised text. */
  end: number;
}

/** True for tokens where an edit-distance match would be wrong: numbers, measures and SKU-like codes. */
export function isExactOnly(kind: TokenKind): boolean {
  return kind === 'number' || kind === 'measure' || kind === 'sku' || kind === 'unit';
}
