/** How many edits a word may have and still match: scaled to word length, so short words must be exact. */

/** Allowed edit distance for a word of `length` characters: 0 up to 4, 1 up to 8, 2 beyond. */
export function maxTypos(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}
