/**
 * Recursive-descent parser for segment rules. Grammar (lowest precedence first):
 *   rule    := or
 *   or      := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" unary | compare
 *   compare := primary (op primary | ["not"] "in" "(" literal ("," literal)* ")")?
 *   primary := literal | name ["(" [rule ("," rule)*] ")"] | "(" rule ")"
 *   name    := ident ("." ident)*
 *   literal := number | duration | string | "true" | "false" | "any"
 */
import type { CompareOp, LiteralNode, RuleNode } from './ast.js';
import { SegmentRuleError } from './segment-rule-error.js';
import { tokenize, type Token, type TokenKind } from './tokenizer.js';

/**
 * How deeply parentheses, `not` and function calls may nest, and how many terms one `and`/`or` chain may
 * have: every later pass walks the tree recursively, so an unbounded rule would overflow the stack.
 */
export const MAX_RULE_NESTING = 64;
const MAX_CHAIN_TERMS = 2000;

const describe = (t: Token): string => (t.kind === 'end' ? 'end of rule' : `'${t.text}'`);

/** Parses rule text into an AST; throws {@link SegmentRuleError} naming the position and what was expected. */
export function parseRule(source: string): RuleNode {
  const tokens = tokenize(source);
  let k = 0;
  const peek = (): Token => tokens[k]!;
  const fail = (expected: string): never => {
    throw new SegmentRuleError(`expected ${expected} but found ${describe(peek())}`, peek().pos, source);
  };
  const expect = (kind: TokenKind, what: string): Token => {
    if (peek().kind !== kind) fail(what);
    return tokens[k++]!;
  };
  let depth = 0;
  const nested = <T>(parse: () => T): T => {
    if (++depth > MAX_RULE_NESTING)
      throw new SegmentRuleError(`the rule nests more than ${MAX_RULE_NESTING} levels deep`, peek().pos, source);
    try {
      return parse();
    } finally {
      depth--;
    }
  };
  const chained = (terms: number): void => {
    if (terms > MAX_CHAIN_TERMS)
      throw new SegmentRuleError(`the rule joins more than ${MAX_CHAIN_TERMS} terms in one chain`, peek().pos, source);
  };

  const parseOr = (): RuleNode => {
    let left = parseAnd();
    let terms = 1;
    while (peek().kind === 'or') {
      chained(++terms);
      const pos = tokens[k++]!.pos;
      left = { type: 'or', left, right: parseAnd(), pos };
    }
    return left;
  };
  const parseAnd = (): RuleNode => {
    let left = parseUnary();
    let terms = 1;
    while (peek().kind === 'and') {
      chained(++terms);
      const pos = tokens[k++]!.pos;
      left = { type: 'and', left, right: parseUnary(), pos };
    }
    return left;
  };
  const parseUnary = (): RuleNode => {
    if (peek().kind === 'not') {
      const pos = tokens[k++]!.pos;
      return { type: 'not', operand: nested(parseUnary), pos };
    }
    return parseCompare();
  };
  const parseCompare = (): RuleNode => {
    const left = parsePrimary();
    const t = peek();
    if (t.kind === 'op') {
      k++;
      return { type: 'compare', op: t.text as CompareOp, left, right: parsePrimary(), pos: t.pos };
    }
    const negated = t.kind === 'not' && tokens[k + 1]?.kind === 'in';
    if (t.kind === 'in' || negated) {
      k += negated ? 2 : 1;
      expect('(', "'(' after 'in'");
      const list = [parseLiteral()];
      while (peek().kind === ',') {
        k++;
        list.push(parseLiteral());
      }
      expect(')', "',' or ')'");
      return { type: 'in', value: left, list, negated, pos: t.pos };
    }
    return left;
  };
  const parseLiteral = (): LiteralNode => {
    const t = peek();
    switch (t.kind) {
      case 'number':
        k++;
        return { type: 'number', value: t.value!, pos: t.pos };
      case 'duration':
        k++;
        return { type: 'duration', ms: t.value!, text: t.text, pos: t.pos };
      case 'string':
        k++;
        return { type: 'string', value: t.str!, pos: t.pos };
      case 'true':
      case 'false':
        k++;
        return { type: 'boolean', value: t.kind === 'true', pos: t.pos };
      case 'any':
        k++;
        return { type: 'any', pos: t.pos };
      default:
        return fail('a literal (number, duration, string, true, false or any)');
    }
  };
  const parsePrimary = (): RuleNode => {
    const t = peek();
    if (t.kind === '(') {
      k++;
      const inner = nested(parseOr);
      expect(')', "')'");
      return inner;
    }
    if (t.kind === 'ident') {
      k++;
      let name = t.text;
      while (peek().kind === '.') {
        k++;
        name += `.${expect('ident', 'a name after "."').text}`;
      }
      if (peek().kind !== '(') return { type: 'field', name, pos: t.pos };
      k++;
      const args: RuleNode[] = [];
      if (peek().kind !== ')') {
        args.push(nested(parseOr));
        while (peek().kind === ',') {
          k++;
          args.push(nested(parseOr));
        }
      }
      expect(')', "',' or ')' in the argument list");
      return { type: 'call', name, args, pos: t.pos };
    }
    if (['number', 'duration', 'string', 'true', 'false', 'any'].includes(t.kind)) return parseLiteral();
    return fail('a field, function, literal or "("');
  };

  const tree = parseOr();
  if (peek().kind !== 'end') fail("'and', 'or' or end of rule");
  return tree;
}
