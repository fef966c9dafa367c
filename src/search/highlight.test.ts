import { describe, expect, it } from 'vitest';
import { analyzeTerms } from '../text/analyzer.js';
import { analyzeForHighlight, highlight, highlightTokens } from './highlight.js';
import { HighlightCache } from './cache/highlight-cache.js';
import { InvertedIndex } from './indexing/inverted-index.js';

const TITLES = [
  'Elkay Stainless Steel 33 in. Double Bowl Kitchen Sink',
  'Tom & Jerry\'s "Best" <Sink> Stainless',
  '红色 连衣裙 Stainless 夏季',
];

describe('highlighting', () => {
  it('marks the same spans from cached tokens as from analysing the text each time, escaping the rest', () => {
    const terms = new Map<string, number>();
    const id = (term: string) => terms.get(term) ?? (terms.set(term, terms.size), terms.size - 1);
    for (const title of TITLES) {
      const tokens = analyzeForHighlight(title, id);
      const query = new Set(['stainless', 'sink', '连衣裙']);
      const matched = new Set([...query].map(id));
      expect(highlightTokens(title, tokens, matched)).toEqual(highlight(title, query));
    }
    const h = highlightTokens(TITLES[1]!, analyzeForHighlight(TITLES[1]!, id), new Set([id('sink')]));
    expect(h.html).toBe('Tom &amp; Jerry&#39;s &quot;Best&quot; &lt;<mark>Sink</mark>&gt; Stainless');
    expect(h.spans).toEqual([[22, 26]]);
  });

  it('analyses a document once, and a replaced document afresh', () => {
    const index = new InvertedIndex();
    const first = { id: 'a', title: 'Stainless Steel Sink' };
    index.upsert(first);
    const cache = new HighlightCache(index);
    const sink = new Set([index.termId(analyzeTerms('sink')[0]!)]);
    expect(cache.title(first, sink).html).toBe('Stainless Steel <mark>Sink</mark>');
    expect(cache.title(first, sink)).toEqual(cache.title(first, sink));
    const replaced = { id: 'a', title: 'Sink Faucet' };
    index.upsert(replaced);
    expect(cache.title(replaced, sink).html).toBe('<mark>Sink</mark> Faucet');
  });
});
