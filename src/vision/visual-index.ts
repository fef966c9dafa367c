/**
 * Nearest catalogue items to an image embedding: every stored image's vector in one IVF index, results
 * folded to items (an item's best-matching image speaks for it). Pure: built from arrays, no I/O.
 */
import { IvfIndex } from '../math/ivf-index.js';

/** One indexed image. */
export interface IndexedImage {
  itemId: string;
  imageUrl: string;
  embedding: Float32Array;
}

/** An item found by its look. */
export interface VisualMatch {
  itemId: string;
  /** The item's image that matched best. */
  imageUrl: string;
  /** Cosine similarity, −1 to 1. */
  score: number;
}

/** The image vectors of a catalogue, searchable by item. */
export class VisualIndex {
  private constructor(
    private readonly images: readonly IndexedImage[],
    /** Length of the vectors. */
    readonly dim: number,
    private readonly index: IvfIndex | null,
  ) {}

  /** Indexes images whose embeddings share one length (others, from an older model, are left out). */
  static build(images: readonly IndexedImage[]): VisualIndex {
    const { kept, dim, vectors } = VisualIndex.vectorsOf(images);
    return new VisualIndex(kept, dim, kept.length > 0 ? IvfIndex.build(vectors, dim) : null);
  }

  /**
   * The images an index would hold (those whose embeddings have the first one's length) and their vectors
   * one after another, for building the IVF index elsewhere (another thread) and {@link withIndex}.
   */
  static vectorsOf(images: readonly IndexedImage[]): { kept: IndexedImage[]; dim: number; vectors: Float32Array } {
    const dim = images[0]?.embedding.length ?? 0;
    const kept = images.filter((i) => i.embedding.length === dim);
    const vectors = new Float32Array(kept.length * dim);
    kept.forEach((image, i) => vectors.set(image.embedding, i * dim));
    return { kept, dim, vectors };
  }

  /** An index over `images` (as {@link vectorsOf} kept them) with its IVF index built elsewhere; null when empty. */
  static withIndex(images: readonly IndexedImage[], dim: number, index: IvfIndex | null): VisualIndex {
    return new VisualIndex(images, dim, images.length > 0 ? index : null);
  }

  /** Number of images indexed. */
  get size(): number {
    return this.images.length;
  }

  /** The embeddings of an item's images. */
  embeddingsOf(itemId: string): Float32Array[] {
    return this.images.filter((i) => i.itemId === itemId).map((i) => i.embedding);
  }

  /** Up to k items most like `query` (unit length), best first; `excludeItem` leaves one item out. */
  search(query: Float32Array, k: number, excludeItem?: string): VisualMatch[] {
    if (!this.index || query.length !== this.dim || k < 1) return [];
    // Several images per item and the excluded item take places in the raw list: ask for more, then fold.
    let want = k * 3 + 8;
    for (;;) {
      const found = this.index.search(query, Math.min(want, this.images.length), {
        ...(excludeItem === undefined ? {} : { exclude: (row: number) => this.images[row]!.itemId === excludeItem }),
      });
      const best = new Map<string, VisualMatch>();
      for (let r = 0; r < found.indices.length; r++) {
        if (!Number.isFinite(found.scores[r]!)) continue; // an excluded row
        const image = this.images[found.indices[r]!]!;
        if (!best.has(image.itemId))
          best.set(image.itemId, { itemId: image.itemId, imageUrl: image.imageUrl, score: found.scores[r]! });
      }
      if (best.size >= k || want >= this.images.length) return [...best.values()].slice(0, k);
      want *= 2;
    }
  }
}
