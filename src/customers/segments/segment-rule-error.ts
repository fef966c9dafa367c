/** The typed error for segment rules: where in the rule text, and what was expected. */

/** A syntax or type error in a segment rule, with a 0-based character position. */
export class SegmentRuleError extends Error {
  override readonly name = 'SegmentRuleError';
  readonly position: number;

  constructor(message: string, position: number, source: string) {
    super(`${message} at position ${position}\n  ${source}\n  ${' '.repeat(position)}^`);
    this.position = position;
  }
}
