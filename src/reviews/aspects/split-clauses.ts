/** Splits a review into clauses: the unit an aspect and its opinion usually share. */

// Sentence and clause punctuation in both scripts, line breaks, and Chinese runs separated by spaces
// (people often write "质量很好 物流很快").
const BREAK = /[，。！？；、,.!?;~\n\r…]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/u;
// A contrast starts a new opinion: "质量不错，就是尺码偏小" / "works great but the sound is low".
const CONTRAST = /(?=但是|不过|可是|就是|只是|然而)|\s+(?=(?:but|however|although|though)\s)/iu;

/** The clauses of a review, in order, trimmed (empty ones dropped). */
export function splitClauses(text: string): string[] {
  const out: string[] = [];
  for (const sentence of text.split(BREAK)) {
    for (const part of sentence.split(CONTRAST)) {
      const trimmed = part.trim();
      if (trimmed.length > 0) out.push(trimmed);
    }
  }
  return out;
}
