/** The in-memory inverted index: per-term postings with per-field term frequencies, cheap upsert and removal. */
import { analyzeNormalized } from '../../text/analyzer.js';
import { normalizeText } from '../../text/normalize.js';
import { stemWord } from '../../text/stem.js';
import type { AnalyzeOptions } from '../../text/analyzer.js';
import { isExactOnly } from '../../text/token.js';
import { dimensionTerms } from './dimension-terms.js';
import { FIELD, FIELD_COUNT, documentFieldTexts } from './fields.js';
import type { SearchDocument } from '../search-document.js';
import { ExpansionCache } from '../cache/expansion-cache.js';
import { FacetColumns } from './facet-columns.js';
import { TermTrie } from './term-trie.js';

/** What the index knows about a surface word (the form before stemming). */
export interface SurfaceInfo {
  /** The term id the word indexes as. */
  termId: number;
  /** Number of documents it was added from (not decremented on removal; a hint for suggestions). */
  count: number;
  /** True for numbers, measures and SKU-like codes, which never match by edit distance. */
  exactOnly: boolean;
}

/** The indexed term for two adjacent title terms (a space never occurs inside a token). */
export function bigramTerm(a: string, b: string): string {
  return a + ' ' + b;
}

/** The indexed marker for a word in the title's head zone (its last words before "in colour"/"for"/"with"). */
export function headTerm(term: string): string {
  return '\u0001' + term;
}

// " in " not after a number starts a colour/finish spec ("Microwave in Stainless Steel"); "33 in." is a size.
const SPEC_RE = /(?<![\d/])\s+in\s|,/;
const HEAD_WORDS = 1;

/** Offset where the head zone of a normalised title ends (before modifiers and colour specs). */
export function headEnd(text: string): number {
  const m = SPEC_RE.exec(text);
  return Math.min(modifierStart(text), m ? m.index : Infinity, text.length);
}

const MODIFIER_RE = /\s(?:for|with|w\/|includes?|including|fits)\s|\(/;

/** Offset where a modifier phrase starts in normalised text, or Infinity. */
export function modifierStart(text: string): number {
  const m = MODIFIER_RE.exec(text);
  return m ? m.index : Infinity;
}

/**
 * Postings are parallel growable arrays per term: `docs[t][j]` is a slot and
 * `tfs[t][j * FIELD_COUNT + f]` its frequency in field f. Order inside a list is irrelevant because
 * scoring accumulates into a dense array, which is what makes swap-removal O(1) after the lookup.
 */
export class InvertedIndex {
  /** Analyser options used for documents and queries alike. */
  readonly analyzeOptions: AnalyzeOptions;
  /** Documents by slot; undefined marks a free slot. */
  readonly docs: (SearchDocument | undefined)[] = [];
  /** Term text by term id. */
  readonly terms: string[] = [];
  /** Postings: slots per term. */
  readonly postDocs: number[][] = [];
  /** Postings: per-field frequencies per term (FIELD_COUNT numbers per posting). */
  readonly postTfs: number[][] = [];
  /** Field lengths: `fieldLen[slot * FIELD_COUNT + f]`. */
  readonly fieldLen: number[] = [];
  /** Sum of field lengths over live documents, per field. */
  readonly fieldLenSum = new Float64Array(FIELD_COUNT);
  /** Surface words → their term and counts. */
  readonly surfaces = new Map<string, SurfaceInfo>();
  /** Trie over surface words (typo tolerance and prefixes). */
  readonly trie = new TermTrie();
  /** Cached typo and prefix walks of {@link trie} (query planning reads these, not the trie). */
  readonly expansions = new ExpansionCache(this.trie);
  /** Category and brand ids per slot, for facet counting. */
  readonly facetColumns = new FacetColumns();
  /** Porter stem → term ids of words sharing it ("lighting" and "lights"), for loose morphological matches. */
  readonly stemFamilies = new Map<string, number[]>();
  private readonly termIds = new Map<string, number>();
  private readonly idToSlot = new Map<string, number>();
  private readonly slotTerms: (Int32Array | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private live = 0;
  private mutations = 0;

  /** Term-frequency weight of words in a modifier phrase ("… for kitchen faucets", "… with bracket"). */
  readonly modifierWeight: number;

  /** Whether adjacent title words are also indexed as pairs (proximity). */
  readonly bigrams: boolean;

  /** Whether the title's head-zone words are marked (product-type match). */
  readonly heads: boolean;

  /** Whether sizes joined by "x" also index as one dimension term ("2 in. x 4 in." → "2x4"). */
  readonly dimensions: boolean;

  /** Creates an empty index analysing text with the given options. */
  constructor(
    analyzeOptions: AnalyzeOptions = {},
    modifierWeight = 0.5,
    bigrams = true,
    heads = true,
    dimensions = true,
  ) {
    this.analyzeOptions = analyzeOptions;
    this.dimensions = dimensions;
    this.modifierWeight = modifierWeight;
    this.bigrams = bigrams;
    this.heads = heads;
  }

  /** Changes with every upsert and removal (scorers cache per-document length factors against it). */
  get version(): number {
    return this.mutations;
  }

  /** Number of live documents. */
  get size(): number {
    return this.live;
  }

  /** Number of slots (live plus free); dense per-document arrays use this length. */
  get slotCount(): number {
    return this.docs.length;
  }

  /** Term id of an indexed term, or -1. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1;
  }

  /** Number of live documents containing a term id. */
  docFreq(termId: number): number {
    return this.postDocs[termId]?.length ?? 0;
  }

  /** Slot of a document id, or -1. */
  slotOf(id: string): number {
    return this.idToSlot.get(id) ?? -1;
  }

  /** The document with this id, if indexed. */
  get(id: string): SearchDocument | undefined {
    const slot = this.idToSlot.get(id);
    return slot === undefined ? undefined : this.docs[slot];
  }

  /** Term ids of the document in a slot (unique). */
  termsOfSlot(slot: number): Int32Array | undefined {
    return this.slotTerms[slot];
  }

  /** Mean length of a field over live documents (1 when empty, to keep normalisation finite). */
  avgFieldLen(field: number): number {
    return this.live > 0 ? Math.max(this.fieldLenSum[field]! / this.live, 1e-9) : 1;
  }

  /** Adds or replaces a document; it is searchable as soon as this returns. */
  upsert(doc: SearchDocument): void {
    if (this.idToSlot.has(doc.id)) this.remove(doc.id);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    this.mutations++;
    this.docs[slot] = doc;
    this.facetColumns.set(slot, doc);
    this.idToSlot.set(doc.id, slot);
    this.live++;
    const texts = documentFieldTexts(doc);
    const tfByTerm = new Map<number, number[]>();
    const seenSurfaces = new Set<string>();
    const headTermsOf: string[] = [];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const text = texts[f]!.length > 0 ? normalizeText(texts[f]!) : '';
      const tokens = text.length > 0 ? analyzeNormalized(text, this.analyzeOptions) : [];
      const modifierAt = this.modifierWeight < 1 ? modifierStart(text) : Infinity;
      let prevTerm: string | null = null;
      let prevEnd = -1;
      const headAt = f === FIELD.title && this.heads ? headEnd(text) : -1;
      const headTerms: string[] = [];
      this.fieldLen[slot * FIELD_COUNT + f] = tokens.length;
      this.fieldLenSum[f] = this.fieldLenSum[f]! + tokens.length;
      for (const t of tokens) {
        const tid = this.intern(t.term);
        const tf = this.tfOf(tfByTerm, tid);
        // Words after "for"/"with" describe what an item fits or includes, not what it is.
        tf[f] = tf[f]! + (t.start > modifierAt ? this.modifierWeight : 1);
        if (f === FIELD.title && this.bigrams && t.start >= prevEnd) {
          // Adjacent title words also index as a pair, so "shower head" ranks "Shower Head" above "Head … Shower".
          if (prevTerm !== null) {
            const btf = this.tfOf(tfByTerm, this.intern(bigramTerm(prevTerm, t.term)));
            btf[f] = btf[f]! + 1;
          }
          prevTerm = t.term;
          prevEnd = t.end;
        }
        if (t.end <= headAt && t.kind === 'word') {
          if (headTerms.length === HEAD_WORDS) headTerms.shift();
          headTerms.push(t.term);
        }
        if (!seenSurfaces.has(t.surface)) {
          seenSurfaces.add(t.surface);
          this.noteSurface(t.surface, tid, isExactOnly(t.kind));
        }
      }
      headTermsOf.push(...headTerms);
      // "2 in. x 4 in." also indexes as "2x4" (not counted in the field length: it restates the sizes).
      if (this.dimensions) {
        for (const d of dimensionTerms(text, tokens)) {
          const tf = this.tfOf(tfByTerm, this.intern(d.term));
          tf[f] = tf[f]! + (d.start > modifierAt ? this.modifierWeight : 1);
        }
      }
    }
    // The product type usually closes the title's first phrase: "… Kitchen Faucet in Chrome", not "… for Faucets".
    for (const term of headTermsOf) {
      const hid = this.intern(headTerm(term));
      if (!tfByTerm.has(hid)) tfByTerm.set(hid, [1, 0, 0, 0, 0]);
    }
    const ids = new Int32Array(tfByTerm.size);
    let k = 0;
    for (const [tid, tf] of tfByTerm) {
      ids[k++] = tid;
      this.postDocs[tid]!.push(slot);
      const tfs = this.postTfs[tid]!;
      for (let f = 0; f < FIELD_COUNT; f++) tfs.push(tf[f]!);
    }
    this.slotTerms[slot] = ids;
  }

  /** Removes a document by id; returns false when it was not indexed. */
  remove(id: string): boolean {
    const slot = this.idToSlot.get(id);
    if (slot === undefined) return false;
    this.mutations++;
    for (const tid of this.slotTerms[slot] ?? []) {
      const docs = this.postDocs[tid]!;
      const tfs = this.postTfs[tid]!;
      const j = docs.lastIndexOf(slot);
      if (j < 0) continue;
      const last = docs.length - 1;
      docs[j] = docs[last]!;
      docs.pop();
      for (let f = 0; f < FIELD_COUNT; f++) tfs[j * FIELD_COUNT + f] = tfs[last * FIELD_COUNT + f]!;
      tfs.length = last * FIELD_COUNT;
    }
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.fieldLenSum[f] = this.fieldLenSum[f]! - (this.fieldLen[slot * FIELD_COUNT + f] ?? 0);
      this.fieldLen[slot * FIELD_COUNT + f] = 0;
    }
    this.slotTerms[slot] = undefined;
    this.docs[slot] = undefined;
    this.facetColumns.clear(slot);
    this.idToSlot.delete(id);
    this.freeSlots.push(slot);
    this.live--;
    return true;
  }

  /** Live documents in slot order. */
  *documents(): IterableIterator<SearchDocument> {
    for (const d of this.docs) if (d) yield d;
  }

  private tfOf(tfByTerm: Map<number, number[]>, tid: number): number[] {
    let tf = tfByTerm.get(tid);
    if (!tf) {
      tf = new Array<number>(FIELD_COUNT).fill(0);
      tfByTerm.set(tid, tf);
    }
    return tf;
  }

  private intern(term: string): number {
    let tid = this.termIds.get(term);
    if (tid === undefined) {
      tid = this.terms.length;
      this.termIds.set(term, tid);
      this.terms.push(term);
      this.postDocs.push([]);
      this.postTfs.push([]);
    }
    return tid;
  }

  private noteSurface(surface: string, termId: number, exactOnly: boolean): void {
    const info = this.surfaces.get(surface);
    if (info) {
      info.count++;
      return;
    }
    this.surfaces.set(surface, { termId, count: 1, exactOnly });
    this.trie.insert(surface);
    if (!exactOnly) {
      const family = this.stemFamilies.get(stemWord(surface));
      if (!family) this.stemFamilies.set(stemWord(surface), [termId]);
      else if (!family.includes(termId)) family.push(termId);
    }
  }
}
