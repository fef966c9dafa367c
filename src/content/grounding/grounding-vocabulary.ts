/**
 * The attribute values and brands copy could wrongly attribute to an item: built-in colours and materials
 * plus, when given, every attribute value, brand and descriptive tag of the catalogue. Any of these in a
 * text that the item itself does not state is an ungrounded attribute mention.
 */
import type { ContentItem } from '../content-types.js';
import { COLOUR_TERMS, MATERIAL_TERMS } from './claim-lexicon.js';
import { TermMatcher } from './term-matcher.js';

// Status tags are claims with their own rule (claim-lexicon.ts), not attribute values.
const STATUS_TAGS = new Set(['new', 'sale', 'bestseller', '新品', '特价', '热销', '包邮', 'free shipping']);

/** Compiled vocabulary for the grounding check. */
export class GroundingVocabulary {
  /** The matcher over every term. */
  readonly matcher: TermMatcher;
  /** How many terms it holds. */
  readonly size: number;

  constructor(terms: Iterable<string>) {
    // Bare numbers and single Latin letters (sizes 38, S, M) are left to the number check.
    const usable = [...new Set([...COLOUR_TERMS, ...MATERIAL_TERMS, ...terms])].filter(
      (t) => !/^[\d.,\s]+$/.test(t) && !/^[A-Za-z]$/.test(t) && t.trim().length > 0,
    );
    this.matcher = new TermMatcher(usable);
    this.size = usable.length;
  }

  /** The built-in vocabulary (colours and materials). */
  static builtin(): GroundingVocabulary {
    return (builtinVocabulary ??= new GroundingVocabulary([]));
  }

  /** Built-in terms plus the catalogue's attribute values, brands and descriptive tags. */
  static fromCatalogue(items: Iterable<ContentItem>): GroundingVocabulary {
    const terms = new Set<string>();
    for (const item of items) {
      if (item.brand) terms.add(item.brand.trim());
      for (const v of Object.values(item.attributes ?? {})) {
        if (typeof v === 'string') terms.add(v.trim());
        else if (Array.isArray(v)) for (const x of v) terms.add(x.trim());
      }
      for (const t of item.tags ?? []) if (!STATUS_TAGS.has(t.toLowerCase())) terms.add(t.trim());
    }
    return new GroundingVocabulary(terms);
  }
}

let builtinVocabulary: GroundingVocabulary | undefined;
