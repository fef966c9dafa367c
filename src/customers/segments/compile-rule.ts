/** Compiles a segment rule into a closure, so evaluating 100,000 profiles is a plain function call each. */
import type { LiteralNode, RuleNode } from './ast.js';
import { DEFAULT_CATALOGUE, type FieldCatalogue, type Getter, type RuleValue } from './field-catalogue.js';
import { parseRule } from './parser.js';
import type { SegmentSubject } from './segment-subject.js';
import { checkRule } from './type-check.js';

/** A compiled rule: true when the subject belongs to the segment at time `now`. */
export type SegmentPredicate = (subject: SegmentSubject, now: number) => boolean;

/** A compiled rule with its source and tree. */
export interface CompiledRule {
  source: string;
  ast: RuleNode;
  matches: SegmentPredicate;
}

const literalValue = (n: LiteralNode): RuleValue | null =>
  n.type === 'any' ? null : n.type === 'duration' ? n.ms : n.value;

function build(n: RuleNode, catalogue: FieldCatalogue): Getter {
  switch (n.type) {
    case 'number':
    case 'string':
    case 'boolean': {
      const v = n.value;
      return () => v;
    }
    case 'duration': {
      const v = n.ms;
      return () => v;
    }
    case 'any':
      return () => '';
    case 'field':
      return catalogue.fields[n.name]!.get;
    case 'call':
      return catalogue.functions[n.name]!.make(n.args.map((a) => literalValue(a as LiteralNode)));
    case 'not': {
      const f = build(n.operand, catalogue);
      return (s, now) => !f(s, now);
    }
    case 'and': {
      const l = build(n.left, catalogue);
      const r = build(n.right, catalogue);
      return (s, now) => l(s, now) === true && r(s, now) === true;
    }
    case 'or': {
      const l = build(n.left, catalogue);
      const r = build(n.right, catalogue);
      return (s, now) => l(s, now) === true || r(s, now) === true;
    }
    case 'in': {
      const f = build(n.value, catalogue);
      const set = new Set(n.list.map(literalValue));
      return n.negated ? (s, now) => !set.has(f(s, now)) : (s, now) => set.has(f(s, now));
    }
    case 'compare': {
      const l = build(n.left, catalogue);
      const r = build(n.right, catalogue);
      switch (n.op) {
        case '=':
          return (s, now) => l(s, now) === r(s, now);
        case '!=':
          return (s, now) => l(s, now) !== r(s, now);
        case '<':
          return (s, now) => (l(s, now) as number) < (r(s, now) as number);
        case '<=':
          return (s, now) => (l(s, now) as number) <= (r(s, now) as number);
        case '>':
          return (s, now) => (l(s, now) as number) > (r(s, now) as number);
        case '>=':
          return (s, now) => (l(s, now) as number) >= (r(s, now) as number);
      }
    }
  }
}

/** Parses, type-checks and compiles a rule; throws {@link SegmentRuleError} with a position on any error. */
export function compileRule(source: string, catalogue: FieldCatalogue = DEFAULT_CATALOGUE): CompiledRule {
  const ast = parseRule(source);
  checkRule(ast, catalogue, source);
  const f = build(ast, catalogue);
  return { source, ast, matches: (s, now) => f(s, now) === true };
}
