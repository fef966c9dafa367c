/** A trie over surface words for typo-tolerant lookup (Damerau-Levenshtein walk) and prefix completion. */

interface TrieNode {
  /** Children by character, for lookups. */
  children: Map<string, TrieNode>;
  /** The same children in insertion order, for the fuzzy walk (no iterator or callback per edge). */
  kids: TrieNode[];
  /** Code point of the edge into this node. */
  code: number;
  word: string | null;
}

/** A word found by {@link TermTrie.fuzzy} with its edit distance. */
export interface FuzzyHit {
  /** The stored word. */
  word: string;
  /** Edit distance (adjacent transpositions count 1). */
  distance: number;
}

function node(code: number): TrieNode {
  return { children: new Map(), kids: [], code, word: null };
}

/** State of one fuzzy walk; rows[d] is the DP row at depth d, reused across branches. */
interface Walk {
  chars: Int32Array;
  maxDistance: number;
  rows: Int32Array[];
  hits: FuzzyHit[];
}

// Optimal-string-alignment rows, computed only inside the band |depth − i| ≤ maxDistance: cells outside it
// always exceed maxDistance, so they are pinned to maxDistance + 1 where the next row reads them. Every
// value ≤ maxDistance is exact, so hits, distances and pruning are those of the full table.
function walk(w: Walk, nd: TrieNode, prevCode: number, depth: number): void {
  const { chars, maxDistance: maxD, rows } = w;
  const n = chars.length;
  const cap = maxD + 1;
  const prev = rows[depth - 1]!;
  const prevPrev = depth >= 2 ? rows[depth - 2]! : null;
  let row = rows[depth];
  if (!row) {
    row = new Int32Array(n + 2);
    rows[depth] = row;
  }
  const code = nd.code;
  row[0] = depth < cap ? depth : cap;
  let best = row[0];
  const lo = Math.max(1, depth - maxD);
  const hi = Math.min(n, depth + maxD);
  if (lo > 1) row[lo - 1] = cap;
  for (let i = lo; i <= hi; i++) {
    const cost = chars[i - 1] === code ? 0 : 1;
    let v = Math.min(row[i - 1]! + 1, prev[i]! + 1, prev[i - 1]! + cost);
    // Adjacent transposition ("stainelss") counts as one edit.
    if (prevPrev && i > 1 && chars[i - 1] === prevCode && chars[i - 2] === code) v = Math.min(v, prevPrev[i - 2]! + 1);
    if (v > cap) v = cap;
    row[i] = v;
    if (v < best) best = v;
  }
  row[hi + 1] = cap;
  if (nd.word !== null && (n === 0 || n <= hi) && row[n]! <= maxD) w.hits.push({ word: nd.word, distance: row[n]! });
  if (best > maxD) return;
  const kids = nd.kids;
  for (let k = 0; k < kids.length; k++) walk(w, kids[k]!, code, depth + 1);
}

/** A character trie supporting insertion, fuzzy search bounded by edit distance, and prefix enumeration. */
export class TermTrie {
  private readonly root = node(0);
  private count = 0;

  /** Number of distinct words stored. */
  get size(): number {
    return this.count;
  }

  /** Adds a word (idempotent). */
  insert(word: string): void {
    let n = this.root;
    for (const ch of word) {
      let next = n.children.get(ch);
      if (!next) {
        next = node(ch.codePointAt(0)!);
        n.children.set(ch, next);
        n.kids.push(next);
      }
      n = next;
    }
    if (n.word === null) {
      n.word = word;
      this.count++;
    }
  }

  /** True when the word is stored. */
  has(word: string): boolean {
    let n: TrieNode | undefined = this.root;
    for (const ch of word) {
      n = n.children.get(ch);
      if (!n) return false;
    }
    return n.word !== null;
  }

  /** Words within `maxDistance` edits of `word` (walks only branches whose DP row can still qualify). */
  fuzzy(word: string, maxDistance: number): FuzzyHit[] {
    const chars = Int32Array.from([...word], (c) => c.codePointAt(0)!);
    const n = chars.length;
    const first = new Int32Array(n + 2);
    for (let i = 0; i <= n; i++) first[i] = Math.min(i, maxDistance + 1);
    first[n + 1] = maxDistance + 1;
    const w: Walk = { chars, maxDistance, rows: [first], hits: [] };
    const kids = this.root.kids;
    for (let k = 0; k < kids.length; k++) walk(w, kids[k]!, -1, 1);
    return w.hits;
  }

  /** Up to `limit` stored words starting with `prefix`, shortest first (breadth-first). */
  withPrefix(prefix: string, limit: number): string[] {
    let n: TrieNode | undefined = this.root;
    for (const ch of prefix) {
      n = n.children.get(ch);
      if (!n) return [];
    }
    const out: string[] = [];
    const queue: TrieNode[] = [n];
    for (let head = 0; head < queue.length && out.length < limit; head++) {
      const cur = queue[head]!;
      if (cur.word !== null) out.push(cur.word);
      for (const child of cur.children.values()) queue.push(child);
    }
    return out;
  }
}
