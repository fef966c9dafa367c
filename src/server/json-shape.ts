/**
 * A single pass over JSON text, before it is parsed: how deeply it nests, and whether a string holds a
 * NUL character. Deep documents overflow the stack of every recursive walk after parsing (validation,
 * storage, JSON functions in SQL), and PostgreSQL cannot store NUL in text, so both are refused at the
 * door, the same whichever engine is behind it.
 */

/** The deepest nesting of objects and arrays a request body may have. */
export const MAX_JSON_DEPTH = 32;

/** What is wrong with a JSON text's shape, or undefined. Malformed JSON is left to the parser to name. */
export function jsonShapeProblem(text: string, maxDepth = MAX_JSON_DEPTH): string | undefined {
  let depth = 0;
  const n = text.length;
  // The next backslash at or after the scan, found again only once passed: searching for it afresh in every
  // string scanned to the end of a body without one, quadratic in a batch's size (7.6% of an API process's
  // CPU under batch ingest).
  let b = -2;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Jump through the string: most of a body is string content, so only quotes and backslashes matter.
      for (i++; i < n; i++) {
        const q = text.indexOf('"', i);
        if (b !== -1 && b < i) b = text.indexOf('\\', i);
        if (q === -1) return undefined;
        if (b === -1 || q < b) {
          i = q;
          break;
        }
        // An escape: `\u0000` is a NUL; any other escape is skipped whole.
        if (text.charCodeAt(b + 1) === 0x75 /* u */ && text.startsWith('0000', b + 2))
          return 'text must not contain NUL characters (\\u0000)';
        i = b + 1;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return `JSON nests more than ${maxDepth} levels deep`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return undefined;
}
