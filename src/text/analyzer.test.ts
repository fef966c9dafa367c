import { describe, expect, it } from 'vitest';
import { analyze, analyzeTerms } from './analyzer.js';
import { normalizeText, normalizeWithOffsets } from './normalize.js';
import { segmentChinese } from './chinese-segmenter.js';

const terms = (s: string): string[] => analyzeTerms(s);
const kinds = (s: string): string[] => analyze(s).map((t) => `${t.term}:${t.kind}`);

describe('normalizeText', () => {
  it('folds case, accents and full-width forms', () => {
    expect(normalizeText('Café CRÈME')).toBe('cafe creme');
    expect(normalizeText('ＡＢＣ１２３　ｘ')).toBe('abc123 x');
    // A double prime decomposes to two primes, which the tokenizer reads as inches.
    expect(normalizeText('6′ ladder 1/2″')).toBe("6' ladder 1/2''");
  });

  it('maps normalised offsets back to the source', () => {
    const { text, offsets } = normalizeWithOffsets('Ａb Café');
    expect(text).toBe('ab cafe');
    expect(offsets[3]).toBe(3);
    expect(offsets[text.length]).toBe(7);
  });
});

describe('English analysis', () => {
  it('stems words and drops stop words', () => {
    expect(terms('The Faucets with Handles')).toEqual(['faucet', 'handl']);
  });

  it('reads numbers with units in every common spelling', () => {
    for (const s of ['33 in', '33 in.', '33"', '33-in.', '33 inch', '33 inches', "33''"]) {
      expect(terms(s)).toContain('33in');
      expect(terms(s)).toContain('33');
    }
    expect(terms('1/2" pipe')).toEqual(expect.arrayContaining(['1/2', '1/2in', 'pipe']));
    expect(terms('3/4-in. fitting')).toEqual(expect.arrayContaining(['3/4', '3/4in']));
    expect(terms("6' ladder")).toContain('6ft');
    expect(terms('12-Gauge wire')).toContain('12gauge');
    expect(terms('1-1/2 in. PVC')).toEqual(expect.arrayContaining(['1-1/2', '1-1/2in', '1', '1/2']));
  });

  it('keeps "in" after a number as a unit but drops it as a stop word elsewhere', () => {
    expect(kinds('Microwave in White')).toEqual(['microwav:word', 'white:word']);
    expect(kinds('33 in sink')).toContain('in:unit');
  });

  it('keeps dimensions and their numbers', () => {
    expect(kinds('2x4 lumber')).toEqual(['2x4:measure', '2:number', '4:number', 'lumber:word']);
  });

  it('keeps SKU-like codes whole and split', () => {
    const t = analyze('Model ABC-1234 paint #SC-141');
    expect(t.map((x) => x.term)).toEqual(expect.arrayContaining(['abc-1234', 'abc', '1234', 'sc-141', 'sc', '141']));
    expect(t.find((x) => x.term === 'abc-1234')?.kind).toBe('sku');
  });

  it('splits and joins hyphenated words', () => {
    expect(terms('Strong-Tie')).toEqual(['strong', 'tie', 'strongti']);
  });
});

describe('Chinese analysis', () => {
  it('segments with jieba in search mode', () => {
    expect(segmentChinese('真丝连衣裙')).toEqual(expect.arrayContaining(['真丝', '连衣裙']));
  });

  it('segments CJK runs with jieba and Latin runs with the Latin rules', () => {
    const t = terms('红色连衣裙 iPhone 15 手机壳 33 in');
    expect(t).toEqual(expect.arrayContaining(['红色', '连衣裙', 'iphon', '15', '手机', '33in']));
  });

  it('drops Chinese stop words and keeps offsets on the normalised text', () => {
    const text = '我的连衣裙';
    const toks = analyze(text);
    expect(toks.map((x) => x.term)).not.toContain('的');
    const dress = toks.find((x) => x.term === '连衣裙')!;
    expect(text.slice(dress.start, dress.end)).toBe('连衣裙');
  });
});

describe('simple mode', () => {
  it('only lower-cases and splits (the benchmark baseline)', () => {
    expect(analyzeTerms('Stainless 33-in. Sinks', { mode: 'simple', stem: false, stopWords: false })).toEqual([
      'stainless',
      '33',
      'in',
      'sinks',
    ]);
  });
});
