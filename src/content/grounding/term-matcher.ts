/**
 * Finds listed terms in a text in one pass: longest term first, case-insensitive, Latin terms on word
 * boundaries. Terms are bucketed by their first character, so a scan costs a few string comparisons per
 * position rather than a large regular expression (which V8 compiles slowly and runs slowly with many
 * look-behinds).
 */

/** A term found in a text. */
export interface TermMatch {
  /** The listed term (as given). */
  term: string;
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

interface Entry {
  lower: string;
  term: string;
  /** Needs a word boundary before / after (the term starts / ends with a Latin letter or digit). */
  head: boolean;
  tail: boolean;
}

/** A compiled set of terms. */
export class TermMatcher {
  private readonly buckets = new Map<string, Entry[]>();

  constructor(terms: Iterable<string>) {
    const seen = new Set<string>();
    for (const raw of terms) {
      const term = raw.trim();
      const lower = term.toLowerCase();
      // Lower-casing must keep offsets: skip the rare terms whose lower case changes length.
      if (!term || seen.has(lower) || lower.length !== term.length) continue;
      seen.add(lower);
      const entry = {
        lower,
        term,
        head: isAlnum(lower.charCodeAt(0)),
        tail: isAlnum(lower.charCodeAt(lower.length - 1)),
      };
      const bucket = this.buckets.get(lower[0]!) ?? [];
      bucket.push(entry);
      this.buckets.set(lower[0]!, bucket);
    }
    for (const bucket of this.buckets.values()) bucket.sort((a, b) => b.lower.length - a.lower.length);
  }

  /** Every non-overlapping match, left to right. */
  find(text: string): TermMatch[] {
    const out: TermMatch[] = [];
    if (this.buckets.size === 0) return out;
    const lower = text.toLowerCase();
    const aligned = lower.length === text.length;
    const source = aligned ? lower : text;
    for (let i = 0; i < source.length;) {
      const bucket = this.buckets.get(source[i]!);
      let hit: Entry | undefined;
      if (bucket) {
        for (const e of bucket) {
          if (!source.startsWith(e.lower, i)) continue;
          if (e.head && i > 0 && isAlnum(source.charCodeAt(i - 1))) continue;
          if (e.tail && isAlnum(source.charCodeAt(i + e.lower.length))) continue;
          hit = e;
          break;
        }
      }
      if (hit) {
        out.push({ term: hit.term, start: i, end: i + hit.lower.length });
        i += hit.lower.length;
      } else i++;
    }
    return out;
  }
}
