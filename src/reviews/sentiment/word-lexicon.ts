/**
 * A word segmenter over a small lexicon shipped inside the model: jieba's method without jieba — the
 * most probable path through the DAG of lexicon words (unigram log-probabilities, as jieba's precise
 * mode with HMM off) — but words are 32-bit FNV hashes in an open-addressed table, so a cut allocates
 * nothing and probes stop as soon as a prefix is not in the table. Latin letter runs are one word each.
 */

const FNV_PRIME = 16777619;
/** Seed of word hashes (shared with the feature hashing, so a word's id is its hash). */
export const WORD_SEED = 0x9e3779b9;
const PREFIX_ONLY = 1; // a table entry that is only the prefix of longer words

/** FNV-1a over UTF-16 units from a seed. */
export function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Whether a UTF-16 unit is a Chinese character (CJK unified ideographs and extension A). */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Whether a UTF-16 unit belongs to a Latin word (ASCII letters and digits, Latin-1 and Latin Extended letters). */
export function isLatinWordUnit(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

/** A lexicon of words with frequencies, able to cut text into word hashes. */
export class WordLexicon {
  private readonly keys: Int32Array;
  private readonly logp: Float32Array;
  private readonly flags: Uint8Array;
  private readonly mask: number;
  /** Longest word in units. */
  readonly maxLength: number;
  private readonly unknownLogp: number;
  private best = new Float64Array(256);
  private choice = new Int32Array(256);

  /** Builds the table; `freqs[i]` is the corpus frequency of `words[i]` (words of any script; only Han words are used in cuts). */
  constructor(
    readonly words: readonly string[],
    readonly freqs: readonly number[],
  ) {
    let total = 0;
    let maxLength = 1;
    for (let i = 0; i < words.length; i++) {
      total += freqs[i]!;
      maxLength = Math.max(maxLength, words[i]!.length);
    }
    this.maxLength = maxLength;
    let size = 1024;
    while (size < words.length * 4) size <<= 1; // room for prefixes, load ≤ ~50%
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.logp = new Float32Array(size).fill(Number.NaN);
    this.flags = new Uint8Array(size); // 0 empty, 1 prefix only, 2 word
    const logTotal = Math.log(Math.max(1, total));
    // An unknown single character costs as much as the rarest word: jieba's choice too (log of 1 / total).
    this.unknownLogp = -logTotal;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      let h = WORD_SEED;
      for (let k = 0; k < w.length; k++) {
        h = Math.imul(h ^ w.charCodeAt(k), FNV_PRIME);
        if (k < w.length - 1) this.insert(h, PREFIX_ONLY, 0);
      }
      this.insert(h, 2, Math.log(Math.max(1, freqs[i]!)) - logTotal);
    }
  }

  private insert(hash: number, flag: number, logp: number): void {
    let slot = hash & this.mask;
    for (;;) {
      const f = this.flags[slot]!;
      if (f === 0) {
        this.keys[slot] = hash;
        this.flags[slot] = flag;
        if (flag === 2) this.logp[slot] = logp;
        return;
      }
      if (this.keys[slot] === hash) {
        if (flag === 2) {
          this.flags[slot] = 2;
          this.logp[slot] = logp;
        }
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Table flag of a hash: 0 absent, 1 only a prefix, 2 a word (then `lastLogp` is its log-probability). */
  private lookup(hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const f = this.flags[slot]!;
      if (f === 0) return 0;
      if (this.keys[slot] === hash) {
        this.lastLogp = this.logp[slot]!;
        return f;
      }
      slot = (slot + 1) & this.mask;
    }
  }
  private lastLogp = 0;

  /**
   * Cuts `s` into words and writes their hashes (seed {@link WORD_SEED}) to `out`, in order; returns
   * how many. Han runs follow the lexicon, Latin runs are one word each, everything else separates.
   */
  cut(s: string, out: Int32Array): number {
    const len = s.length;
    let count = 0;
    let i = 0;
    while (i < len && count < out.length) {
      const c = s.charCodeAt(i);
      if (isHan(c)) {
        let j = i + 1;
        while (j < len && isHan(s.charCodeAt(j))) j++;
        count = this.cutHan(s, i, j, out, count);
        i = j;
      } else if (isLatinWordUnit(c)) {
        let h = WORD_SEED;
        let j = i;
        for (; j < len && isLatinWordUnit(s.charCodeAt(j)); j++) h = Math.imul(h ^ s.charCodeAt(j), FNV_PRIME);
        out[count++] = h;
        i = j;
      } else i++;
    }
    return count;
  }

  /** Hashes of every lexicon word occurring in `s` (all positions, all lengths), into `out`; returns how many. */
  wordsAt(s: string, out: Int32Array): number {
    let count = 0;
    for (let i = 0; i < s.length; i++) {
      let h = WORD_SEED;
      for (let L = 1; L <= this.maxLength && i + L <= s.length; L++) {
        const c = s.charCodeAt(i + L - 1);
        if (!isHan(c)) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        const f = this.lookup(h);
        if (f === 0) break;
        if (f === 2 && count < out.length) out[count++] = h;
      }
    }
    return count;
  }

  /** Most probable path through the run s[from, to): best[k] = max over words w at k of logp(w) + best[k + |w|]. */
  private cutHan(s: string, from: number, to: number, out: Int32Array, count: number): number {
    const n = to - from;
    if (this.best.length <= n) {
      this.best = new Float64Array(n * 2 + 1);
      this.choice = new Int32Array(n * 2 + 1);
    }
    const best = this.best;
    const choice = this.choice;
    best[n] = 0;
    for (let k = n - 1; k >= 0; k--) {
      // A single character is always possible (its own log-probability when it is a word).
      let h = Math.imul(WORD_SEED ^ s.charCodeAt(from + k), FNV_PRIME);
      let f = this.lookup(h);
      let top = (f === 2 ? this.lastLogp : this.unknownLogp) + best[k + 1]!;
      let pick = 1;
      for (let L = 2; f !== 0 && k + L <= n && L <= this.maxLength; L++) {
        h = Math.imul(h ^ s.charCodeAt(from + k + L - 1), FNV_PRIME);
        f = this.lookup(h);
        if (f === 2) {
          const v = this.lastLogp + best[k + L]!;
          if (v > top) {
            top = v;
            pick = L;
          }
        }
      }
      best[k] = top;
      choice[k] = pick;
    }
    for (let k = 0; k < n && count < out.length;) {
      const L = choice[k]!;
      let h = WORD_SEED;
      for (let m = 0; m < L; m++) h = Math.imul(h ^ s.charCodeAt(from + k + m), FNV_PRIME);
      out[count++] = h;
      k += L;
    }
    return count;
  }
}
