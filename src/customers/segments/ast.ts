/** The syntax tree of a segment rule; every node keeps its source position for error messages. */

/** Comparison operators (`==` is normalised to `=`). */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A literal value node. */
export type LiteralNode =
  | { type: 'number'; value: number; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'boolean'; value: boolean; pos: number }
  | { type: 'duration'; ms: number; text: string; pos: number }
  | { type: 'any'; pos: number };

/** Any expression node. */
export type RuleNode =
  | LiteralNode
  | { type: 'and' | 'or'; left: RuleNode; right: RuleNode; pos: number }
  | { type: 'not'; operand: RuleNode; pos: number }
  | { type: 'compare'; op: CompareOp; left: RuleNode; right: RuleNode; pos: number }
  | { type: 'in'; value: RuleNode; list: LiteralNode[]; negated: boolean; pos: number }
  | { type: 'field'; name: string; pos: number }
  | { type: 'call'; name: string; args: RuleNode[]; pos: number };
