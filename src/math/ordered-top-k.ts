/** The first k items of a stable sort by a comparator, kept in a bounded heap instead of sorting every item. */

/** Keeps the first k items, in the order a stable sort by `compare` would give them; O(n log k) for n offers. */
export class OrderedTopK<T> {
  // A max-heap by rank: the root is the last of the kept items, the one a better offer replaces.
  private readonly items: T[] = [];
  private readonly seqs: number[] = [];
  private seq = 0;
  private readonly k: number;
  private readonly compare: (a: T, b: T) => number;

  /** `compare(a, b) < 0` when a comes before b; ties keep the earlier offer first, as a stable sort does. */
  constructor(k: number, compare: (a: T, b: T) => number) {
    this.k = Math.max(0, k);
    this.compare = compare;
  }

  /** Offers an item. */
  push(item: T): void {
    const seq = this.seq++;
    const n = this.items.length;
    if (n < this.k) {
      this.items.push(item);
      this.seqs.push(seq);
      this.up(n);
    } else if (n > 0 && this.after(this.items[0]!, this.seqs[0]!, item, seq)) {
      this.items[0] = item;
      this.seqs[0] = seq;
      this.down(0);
    }
  }

  /** The kept items, first first. */
  sorted(): T[] {
    const order = this.items.map((_, i) => i);
    order.sort((a, b) => this.compare(this.items[a]!, this.items[b]!) || this.seqs[a]! - this.seqs[b]!);
    return order.map((i) => this.items[i]!);
  }

  // True when (a, sa) comes after (b, sb) in the stable order.
  private after(a: T, sa: number, b: T, sb: number): boolean {
    const c = this.compare(a, b);
    return c > 0 || (c === 0 && sa > sb);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.after(this.items[i]!, this.seqs[i]!, this.items[parent]!, this.seqs[parent]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let last = i;
      if (l < n && this.after(this.items[l]!, this.seqs[l]!, this.items[last]!, this.seqs[last]!)) last = l;
      if (r < n && this.after(this.items[r]!, this.seqs[r]!, this.items[last]!, this.seqs[last]!)) last = r;
      if (last === i) return;
      this.swap(i, last);
      i = last;
    }
  }

  private swap(i: number, j: number): void {
    const item = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = item;
    const seq = this.seqs[i]!;
    this.seqs[i] = this.seqs[j]!;
    this.seqs[j] = seq;
  }
}
