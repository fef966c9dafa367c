/** A trie over surface words for typo-tolerant lookup (Damerau-Levenshtein walk) and prefix completion. */

interface TrieNode {
  children: Map<string, TrieNode>;
  word: string | null;
}

/** A word found by {@link TermTrie.fuzzy} with its edit distance. */
export interface FuzzyHit {
  /** The stored word. */
  word: string;
  /** Edit distance (adjacent transpositions count 1). */
  distance: number;
}

function node(): TrieNode {
  return { children: new Map(), word: null };
}

/** A character trie supporting insertion, fuzzy search bounded by edit distance, and prefix enumeration. */
export class TermTrie {
  private readonly root = node();
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
        next = node();
        n.children.set(ch, next);
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
    const chars = [...word];
    const n = chars.length;
    const hits: FuzzyHit[] = [];
    // One DP row per depth, reused across branches: the walk allocates nothing per node.
    const rows: Int32Array[] = [Int32Array.from({ length: n + 1 }, (_, i) => i)];
    const walk = (nd: TrieNode, ch: string, prevCh: string, depth: number): void => {
      const prev = rows[depth - 1]!;
      const prevPrev = depth >= 2 ? rows[depth - 2]! : null;
      let row = rows[depth];
      if (!row) {
        row = new Int32Array(n + 1);
        rows[depth] = row;
      }
      row[0] = prev[0]! + 1;
      let best = row[0];
      for (let i = 1; i <= n; i++) {
        const cost = chars[i - 1] === ch ? 0 : 1;
        let v = Math.min(row[i - 1]! + 1, prev[i]! + 1, prev[i - 1]! + cost);
        // Adjacent transposition ("stainelss") counts as one edit.
        if (prevPrev && i > 1 && chars[i - 1] === prevCh && chars[i - 2] === ch) v = Math.min(v, prevPrev[i - 2]! + 1);
        row[i] = v;
        if (v < best) best = v;
      }
      if (nd.word !== null && row[n]! <= maxDistance) hits.push({ word: nd.word, distance: row[n]! });
      if (best > maxDistance) return;
      // forEach, not for-of over entries: no [key, value] pair allocated per edge.
      nd.children.forEach((child, c) => walk(child, c, ch, depth + 1));
    };
    this.root.children.forEach((child, c) => walk(child, c, '', 1));
    return hits;
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
