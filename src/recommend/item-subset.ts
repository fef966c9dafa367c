/**
 * A set of candidate item indices with an O(1) position lookup, for scoring a few hundred candidates
 * instead of the whole catalogue. Cleared in time proportional to its size, not the catalogue's.
 */

/** Candidate items in the order added, and each catalogue item's position among them (-1 when absent). */
export class ItemSubset {
  /** Position of every catalogue item in {@link items}, -1 for items not in the subset. */
  readonly position: Int32Array;
  private buffer = new Int32Array(256);
  private count = 0;

  constructor(readonly numItems: number) {
    this.position = new Int32Array(numItems).fill(-1);
  }

  /** Number of items in the subset. */
  get size(): number {
    return this.count;
  }

  /** The items, in the order they were added (a view: valid until the next change). */
  get items(): Int32Array {
    return this.buffer.subarray(0, this.count);
  }

  /** Adds an item; items already present or outside the catalogue are ignored. */
  add(item: number): void {
    if (item < 0 || item >= this.numItems || this.position[item]! >= 0) return;
    if (this.count === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.position[item] = this.count;
    this.buffer[this.count++] = item;
  }

  /** Adds every item of a list. */
  addAll(items: ArrayLike<number>): void {
    for (let i = 0; i < items.length; i++) this.add(items[i]!);
  }

  /** Empties the subset. */
  clear(): void {
    for (let r = 0; r < this.count; r++) this.position[this.buffer[r]!] = -1;
    this.count = 0;
  }
}
