/** Type checker for segment rules against a field catalogue. */
import type { RuleNode } from './ast.js';
import type { FieldCatalogue, RuleType } from './field-catalogue.js';
import { SegmentRuleError } from './segment-rule-error.js';

/** Checks the rule and returns its type (which must be boolean for a segment); throws on the first error. */
export function checkRule(node: RuleNode, catalogue: FieldCatalogue, source: string): RuleType {
  const fail = (message: string, pos: number): never => {
    throw new SegmentRuleError(message, pos, source);
  };
  const enumValues = (n: RuleNode): readonly string[] | undefined =>
    n.type === 'field' ? catalogue.fields[n.name]?.values : undefined;
  const checkEnum = (field: RuleNode, literal: RuleNode): void => {
    const values = enumValues(field);
    if (values && literal.type === 'string' && !values.includes(literal.value)) {
      fail(
        `unknown value "${literal.value}" for ${(field as { name: string }).name}; expected one of ${values.map((v) => `"${v}"`).join(', ')}`,
        literal.pos,
      );
    }
  };
  const visit = (n: RuleNode): RuleType => {
    switch (n.type) {
      case 'number':
      case 'string':
      case 'boolean':
      case 'duration':
        return n.type;
      case 'any':
        return 'key';
      case 'and':
      case 'or':
        for (const side of [n.left, n.right]) {
          if (visit(side) !== 'boolean') fail(`'${n.type}' needs true/false conditions on both sides`, side.pos);
        }
        return 'boolean';
      case 'not':
        if (visit(n.operand) !== 'boolean') fail("'not' needs a true/false condition", n.operand.pos);
        return 'boolean';
      case 'field': {
        const spec = catalogue.fields[n.name];
        if (!spec) {
          const hint = catalogue.functions[n.name] ? ` ('${n.name}' is a function; call it with arguments)` : '';
          fail(`unknown field '${n.name}'${hint}; known fields: ${Object.keys(catalogue.fields).join(', ')}`, n.pos);
        }
        return spec!.type;
      }
      case 'call': {
        const spec = catalogue.functions[n.name];
        if (!spec)
          fail(`unknown function '${n.name}'; known functions: ${Object.keys(catalogue.functions).join(', ')}`, n.pos);
        if (n.args.length !== spec!.params.length) {
          fail(`${n.name} takes ${spec!.params.length} argument(s), got ${n.args.length}`, n.pos);
        }
        spec!.params.forEach((want, i) => {
          const arg = n.args[i]!;
          const literal = ['number', 'string', 'duration', 'any'].includes(arg.type);
          const got = literal ? visit(arg) : 'expression';
          const ok = got === want || (want === 'key' && got === 'string');
          const label =
            want === 'key' ? 'a string or any' : want === 'duration' ? 'a duration such as 30d' : `a ${want} literal`;
          if (!ok) fail(`argument ${i + 1} of ${n.name} must be ${label}`, arg.pos);
        });
        return spec!.returns;
      }
      case 'compare': {
        const l = visit(n.left);
        const r = visit(n.right);
        if (n.op === '=' || n.op === '!=') {
          if (l !== r || l === 'key' || l === 'duration') fail(`cannot compare ${l} with ${r} using '${n.op}'`, n.pos);
          checkEnum(n.left, n.right);
          checkEnum(n.right, n.left);
        } else if (l !== 'number' || r !== 'number') {
          fail(`'${n.op}' compares numbers, got ${l} and ${r}`, n.pos);
        }
        return 'boolean';
      }
      case 'in': {
        const t = visit(n.value);
        if (t !== 'number' && t !== 'string') fail(`'in' needs a number or string on the left, got ${t}`, n.value.pos);
        for (const item of n.list) {
          if (visit(item) !== t) fail(`list values must be ${t}s like the left side`, item.pos);
          checkEnum(n.value, item);
        }
        return 'boolean';
      }
    }
  };
  const type = visit(node);
  if (type !== 'boolean') fail(`a segment rule must be a true/false condition, this is a ${type}`, node.pos);
  return type;
}
