import { describe, expect, it } from 'vitest';
import { analyzeNormalized } from '../../text/analyzer.js';
import { normalizeText } from '../../text/normalize.js';
import { dimensionTerms } from './dimension-terms.js';
import { ProductSearch } from '../product-search.js';

const dims = (s: string): string[] => {
  const text = normalizeText(s);
  return dimensionTerms(text, analyzeNormalized(text, { stemmer: 'plural' })).map((t) => t.term);
};

describe('dimensionTerms', () => {
  it('joins sizes separated by "x", with or without units, into pairs and triples', () => {
    expect(dims('WeatherShield 2 in. x 6 in. x 8 ft. #2 Prime Lumber')).toEqual(['2x6', '6x8', '2x6x8']);
    expect(dims('shower curtain 36 x 78')).toEqual(['36x78']);
    expect(dims('23/32 in. x 4 ft. x 8 ft. Plywood')).toEqual(['4x8']);
  });

  it('leaves sizes that are not joined by "x", and fractions, alone', () => {
    expect(dims('6 ft. panel 2 in. thick')).toEqual([]);
    expect(dims('1-1/2 in. x 10 ft. pipe')).toEqual([]);
    expect(dims('2x4 stud')).toEqual([]);
  });

  it('lets "2x4x8" find a title that spells the sizes out, first', () => {
    const engine = ProductSearch.fromDocuments([
      { id: 'a', title: '2 in. x 6 in. x 8 ft. Pressure-Treated Lumber' },
      { id: 'b', title: '2 in. x 4 in. x 8 ft. Pressure-Treated Lumber' },
      { id: 'c', title: '4 in. x 4 in. x 8 ft. Pressure-Treated Post' },
    ]);
    expect(engine.search({ q: '2x4x8 treated' }).hits[0]?.id).toBe('b');
    expect(engine.search({ q: '4 x 4 post' }).hits[0]?.id).toBe('c');
    expect(
      ProductSearch.fromDocuments([{ id: 'a', title: '2 in. x 4 in.' }], { dimensions: false }).index.termId('2x4'),
    ).toBe(-1);
  });
});
