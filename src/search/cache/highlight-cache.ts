/** Title analysis for highlighting, done once per document version instead of on every result page. */
import type { Highlight, HighlightTokens } from '../highlight.js';
import { analyzeForHighlight, highlightTokens } from '../highlight.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import type { SearchDocument } from '../search-document.js';

/**
 * Highlights titles from cached token lists. Keyed weakly by the document object: an upsert stores a new
 * object, so a changed title is analysed afresh and the old entry goes with the old document. Term ids are
 * stable, and every indexed word of a title is interned when the document is indexed, before any page shows
 * it, so a cached id stays right. At most one entry per document (about 150 bytes for a 12-word title).
 */
export class HighlightCache {
  private readonly byDocument = new WeakMap<SearchDocument, HighlightTokens>();

  /** Creates a cache over an index (its analysis options and term ids). */
  constructor(private readonly index: InvertedIndex) {}

  /** The title of `doc` with the tokens whose term id is in `matched` marked. */
  title(doc: SearchDocument, matched: ReadonlySet<number>): Highlight {
    let tokens = this.byDocument.get(doc);
    if (tokens === undefined) {
      tokens = analyzeForHighlight(doc.title, (term) => this.index.termId(term), this.index.analyzeOptions);
      this.byDocument.set(doc, tokens);
    }
    return highlightTokens(doc.title, tokens, matched);
  }
}
