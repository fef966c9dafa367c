/** Prints a rule AST back to canonical text (for normalised storage and display); parses to the same tree. */
import type { LiteralNode, RuleNode } from './ast.js';

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function literal(n: LiteralNode): string {
  switch (n.type) {
    case 'number':
      return String(n.value);
    case 'string':
      return quote(n.value);
    case 'boolean':
      return String(n.value);
    case 'duration':
      return n.text;
    case 'any':
      return 'any';
  }
}

/** Canonical text: lower-case keywords, double quotes, parentheses only where precedence needs them. */
export function formatRule(n: RuleNode): string {
  // The parser builds left-nested chains, so a right child of the same operator keeps its parentheses.
  const wrap = (child: RuleNode, parent: 'and' | 'or' | 'not', right: boolean): string => {
    const text = formatRule(child);
    const needs =
      (parent === 'and' && child.type === 'or') ||
      (parent === 'not' && (child.type === 'and' || child.type === 'or')) ||
      (right && child.type === parent);
    return needs ? `(${text})` : text;
  };
  switch (n.type) {
    case 'and':
    case 'or':
      return `${wrap(n.left, n.type, false)} ${n.type} ${wrap(n.right, n.type, true)}`;
    case 'not':
      return `not ${wrap(n.operand, 'not', false)}`;
    case 'compare':
      return `${formatRule(n.left)} ${n.op} ${formatRule(n.right)}`;
    case 'in':
      return `${formatRule(n.value)} ${n.negated ? 'not in' : 'in'} (${n.list.map(literal).join(', ')})`;
    case 'field':
      return n.name;
    case 'call':
      return `${n.name}(${n.args.map(formatRule).join(', ')})`;
    default:
      return literal(n);
  }
}
