/**
 * "Looks similar": items whose photos are nearest the history's in the image model's embedding (the vision
 * index stores one unit vector per item image). Like the content model it needs no interactions with the
 * item itself, so it reaches cold items; validation decides what weight it earns beside the others.
 */
import { IvfIndex, nearestListRows, type IvfLists } from '../../math/ivf-index.js';
import { getArray, pack, unpack, type PackedArray } from '../../math/pack.js';
import { recencyWeights } from '../history.js';
import type { History, RecencyOptions } from '../history.js';
import type { InteractionLog } from '../interaction-log.js';
import type { ItemSubset } from '../item-subset.js';
import type { Recommender } from '../recommender.js';

/** Options for {@link VisualRecommender}. */
export type VisualOptions = RecencyOptions;

/** Below this many items with a vector, "similar" scans them all (an index saves nothing there). */
const INDEX_MIN_ITEMS = 2000;
/** Items a "similar" request scores through the index: those of the nearest lists, at least this many. */
export const SIMILAR_SCANNED = 4000;

/**
 * Cosine similarity between each item's image vector and the recency-weighted mean of the history's
 * (negative similarities count as none). Items without a vector score 0.
 */
export class VisualRecommender implements Recommender {
  readonly name = 'visual';
  /** Row-major item × dim unit vectors; a row of zeros for items without an image vector. */
  private vectors = new Float32Array(0);
  private dim = 0;
  private items = 0;
  /** The profile buffer, reused across requests (one request at a time, as every recommender here). */
  private profile = new Float32Array(0);
  /**
   * The vectors' IVF lists (spherical k-means, ≈√n lists; rows are item indices), built at fit and stored with
   * the model, so "similar" scores the items of the nearest lists rather than the whole catalogue. Null for
   * small catalogues and for models saved before it.
   */
  private lists: IvfLists | null = null;

  constructor(
    private readonly embeddings: ReadonlyMap<string, Float32Array> = new Map(),
    readonly opts: VisualOptions = {},
  ) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.items;
  }

  /** Items that have an image vector. */
  get itemsWithImages(): number {
    let n = 0;
    for (let i = 0; i < this.items; i++) if (this.norm(i) > 0) n++;
    return n;
  }

  /** Lays the log's items' vectors out in its item order; vectors of another length (another model) are left out. */
  fit(log: InteractionLog): void {
    const first = this.embeddings.values().next();
    this.dim = first.done ? 0 : first.value.length;
    this.items = log.numItems;
    this.vectors = new Float32Array(this.items * this.dim);
    log.itemIds.forEach((id, item) => {
      const e = this.embeddings.get(id);
      if (!e || e.length !== this.dim) return;
      let norm = 0;
      for (let d = 0; d < this.dim; d++) norm += e[d]! * e[d]!;
      // Stored vectors are unit length; normalised again in case a user-supplied model's are not.
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < this.dim; d++) this.vectors[item * this.dim + d] = e[d]! * inv;
    });
    this.lists = this.buildLists();
  }

  /** IVF lists over the items that have a vector (null below {@link INDEX_MIN_ITEMS} of them). */
  private buildLists(): IvfLists | null {
    const withVector: number[] = [];
    for (let i = 0; i < this.items; i++) if (this.norm(i) > 0) withVector.push(i);
    if (withVector.length < INDEX_MIN_ITEMS) return null;
    const compact = new Float32Array(withVector.length * this.dim);
    withVector.forEach((item, r) =>
      compact.set(this.vectors.subarray(item * this.dim, (item + 1) * this.dim), r * this.dim),
    );
    const { vectors: _copy, ...lists } = IvfIndex.build(compact, this.dim).serialize();
    return { ...lists, rows: lists.rows.map((r) => withVector[r]!) };
  }

  /** Scores every item by its look's similarity to the history's. */
  score(history: History, out: Float32Array): void {
    out.fill(0, 0, this.items);
    const p = this.profileOf(history);
    if (!p) return;
    for (let i = 0; i < this.items; i++) out[i] = this.dot(p, i);
  }

  /** {@link score} for the subset's items only. */
  scoreSubset(history: History, subset: ItemSubset, out: Float32Array): void {
    out.fill(0, 0, subset.size);
    const p = this.profileOf(history);
    if (!p) return;
    const items = subset.items;
    for (let r = 0; r < items.length; r++) if (items[r]! < this.items) out[r] = this.dot(p, items[r]!);
  }

  /**
   * Items that look most like one item: with the IVF lists, those of the lists nearest it (at least
   * {@link SIMILAR_SCANNED} items, the rest 0), else every item.
   */
  similar(item: number, out: Float32Array): void {
    if (!this.lists || item < 0 || item >= this.items || this.norm(item) === 0) this.score({ items: [item] }, out);
    else {
      out.fill(0, 0, this.items);
      const query = this.vectors.subarray(item * this.dim, (item + 1) * this.dim);
      const rows = nearestListRows(this.lists, query, SIMILAR_SCANNED);
      for (let r = 0; r < rows.length; r++) out[rows[r]!] = this.dot(query, rows[r]!);
    }
    if (item >= 0 && item < out.length) out[item] = 0;
  }

  /** The item × dim vectors and their IVF lists. */
  save(): Uint8Array {
    const l = this.lists;
    const lists: Record<string, PackedArray> = l
      ? { ivfCentres: l.centres, ivfOffsets: l.offsets, ivfRows: l.rows }
      : {};
    const meta = {
      name: this.name,
      opts: this.opts,
      dim: this.dim,
      items: this.items,
      ...(l ? { lists: l.lists } : {}),
    };
    return pack(meta, { vectors: this.vectors, ...lists });
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): VisualRecommender {
    const { meta, arrays } = unpack<{ opts: VisualOptions; dim: number; items: number; lists?: number }>(bytes);
    const m = new VisualRecommender(new Map(), meta.opts);
    m.dim = meta.dim;
    m.items = meta.items;
    m.vectors = getArray(arrays, 'vectors', Float32Array);
    if (meta.lists !== undefined)
      m.lists = {
        dim: meta.dim,
        lists: meta.lists,
        centres: getArray(arrays, 'ivfCentres', Float32Array),
        offsets: getArray(arrays, 'ivfOffsets', Int32Array),
        rows: getArray(arrays, 'ivfRows', Int32Array),
      };
    return m;
  }

  /** The recency-weighted sum of the history's vectors (unnormalised: cosine order does not need it), or null. */
  private profileOf(history: History): Float32Array | null {
    if (this.dim === 0) return null;
    const w = recencyWeights(history, this.opts);
    if (this.profile.length !== this.dim) this.profile = new Float32Array(this.dim);
    const p = this.profile.fill(0);
    let any = false;
    for (let h = 0; h < history.items.length; h++) {
      const item = history.items[h]!;
      if (item < 0 || item >= this.items || !(w[h]! > 0) || this.norm(item) === 0) continue;
      any = true;
      const base = item * this.dim;
      for (let d = 0; d < this.dim; d++) p[d]! += w[h]! * this.vectors[base + d]!;
    }
    if (!any) return null;
    let norm = 0;
    for (let d = 0; d < this.dim; d++) norm += p[d]! * p[d]!;
    const inv = 1 / Math.sqrt(norm || 1);
    for (let d = 0; d < this.dim; d++) p[d]! *= inv;
    return p;
  }

  private dot(p: Float32Array, item: number): number {
    const base = item * this.dim;
    let s = 0;
    for (let d = 0; d < this.dim; d++) s += p[d]! * this.vectors[base + d]!;
    return s > 0 ? s : 0;
  }

  private norm(item: number): number {
    const base = item * this.dim;
    let s = 0;
    for (let d = 0; d < this.dim; d++) s += this.vectors[base + d]! * this.vectors[base + d]!;
    return s;
  }
}
