/** Top-k selection over dense scores with a bounded min-heap. */

/** The k best entries, best first: parallel arrays of indices and scores. */
export interface TopK {
  indices: Int32Array;
  scores: Float32Array;
}

/** Items that must not be returned: a set, or a byte mask where non-zero means excluded. */
export type Exclusion = ReadonlySet<number> | Uint8Array;

/**
 * Selects the k highest finite scores, best first; ties go to the lower index so results are stable.
 * Excluded indices are only checked when a score would enter the heap, which keeps the scan cheap.
 */
export function topK(scores: ArrayLike<number>, k: number, exclude?: Exclusion, minScore = -Infinity): TopK {
  const n = scores.length;
  const cap = Math.max(0, Math.min(k, n));
  const heapIdx = new Int32Array(cap);
  const heapVal = new Float32Array(cap);
  let size = 0;
  const isSet = exclude instanceof Set;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!(s > minScore)) continue;
    if (size === cap) {
      // A tie with the heap minimum never displaces it: the earlier (lower) index wins.
      if (cap === 0 || s <= heapVal[0]!) continue;
    }
    if (exclude !== undefined && (isSet ? (exclude as ReadonlySet<number>).has(i) : (exclude as Uint8Array)[i]))
      continue;
    if (size < cap) {
      siftUp(heapIdx, heapVal, size, i, s);
      size++;
    } else siftDown(heapIdx, heapVal, size, i, s);
  }
  return drain(heapIdx, heapVal, size);
}

/** Top-k over a sparse list of (index, score) pairs. */
export function topKSparse(indices: ArrayLike<number>, scores: ArrayLike<number>, count: number, k: number): TopK {
  const cap = Math.max(0, Math.min(k, count));
  const heapIdx = new Int32Array(cap);
  const heapVal = new Float32Array(cap);
  let size = 0;
  for (let p = 0; p < count; p++) {
    const i = indices[p]!;
    const s = scores[p]!;
    if (size < cap) {
      siftUp(heapIdx, heapVal, size, i, s);
      size++;
    } else if (cap > 0 && worse(heapIdx[0]!, heapVal[0]!, i, s)) siftDown(heapIdx, heapVal, size, i, s);
  }
  return drain(heapIdx, heapVal, size);
}

/** True when (ia, sa) ranks below (ib, sb). */
function worse(ia: number, sa: number, ib: number, sb: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}

function siftUp(hi: Int32Array, hv: Float32Array, pos: number, i: number, s: number): void {
  while (pos > 0) {
    const parent = (pos - 1) >> 1;
    if (!worse(i, s, hi[parent]!, hv[parent]!)) break;
    hi[pos] = hi[parent]!;
    hv[pos] = hv[parent]!;
    pos = parent;
  }
  hi[pos] = i;
  hv[pos] = s;
}

/** Replaces the root with (i, s) and restores the heap. */
function siftDown(hi: Int32Array, hv: Float32Array, size: number, i: number, s: number): void {
  let pos = 0;
  for (;;) {
    const l = 2 * pos + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && worse(hi[r]!, hv[r]!, hi[l]!, hv[l]!) ? r : l;
    if (!worse(hi[c]!, hv[c]!, i, s)) break;
    hi[pos] = hi[c]!;
    hv[pos] = hv[c]!;
    pos = c;
  }
  hi[pos] = i;
  hv[pos] = s;
}

/** Sorts the heap in place, best first (heap sort), so a selection allocates only its heap. */
function drain(hi: Int32Array, hv: Float32Array, size: number): TopK {
  for (let n = size; n > 1; n--) {
    // The root is the worst of the n left: it goes to the end, the last entry is sifted down from the root.
    const ri = hi[0]!;
    const rv = hv[0]!;
    siftDown(hi, hv, n - 1, hi[n - 1]!, hv[n - 1]!);
    hi[n - 1] = ri;
    hv[n - 1] = rv;
  }
  return size === hi.length
    ? { indices: hi, scores: hv }
    : { indices: hi.subarray(0, size), scores: hv.subarray(0, size) };
}
