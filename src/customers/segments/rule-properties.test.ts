import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../types.js';
import { emptyProfile } from '../profile/customer-profile.js';
import type { LiteralNode, RuleNode } from './ast.js';
import { compileRule } from './compile-rule.js';
import { DEFAULT_CATALOGUE, type RuleValue } from './field-catalogue.js';
import { formatRule } from './format-rule.js';
import { parseRule } from './parser.js';
import type { SegmentSubject } from './segment-subject.js';

const NOW = Date.UTC(2024, 5, 1);

/** Removes positions so trees from different texts compare equal. */
function strip(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(strip);
  if (n && typeof n === 'object') {
    return Object.fromEntries(
      Object.entries(n)
        .filter(([k]) => k !== 'pos')
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return n;
}

/** A direct tree-walking interpreter: the simple reference the compiled closures must agree with. */
function interpret(n: RuleNode, s: SegmentSubject): RuleValue {
  const lit = (l: LiteralNode): RuleValue | null => (l.type === 'any' ? null : l.type === 'duration' ? l.ms : l.value);
  switch (n.type) {
    case 'and':
      return interpret(n.left, s) === true && interpret(n.right, s) === true;
    case 'or':
      return interpret(n.left, s) === true || interpret(n.right, s) === true;
    case 'not':
      return interpret(n.operand, s) !== true;
    case 'field':
      return DEFAULT_CATALOGUE.fields[n.name]!.get(s, NOW);
    case 'call':
      return DEFAULT_CATALOGUE.functions[n.name]!.make(n.args.map((a) => lit(a as LiteralNode)))(s, NOW);
    case 'in': {
      const v = interpret(n.value, s);
      const found = n.list.some((l) => lit(l) === v);
      return n.negated ? !found : found;
    }
    case 'compare': {
      const l = interpret(n.left, s);
      const r = interpret(n.right, s);
      const ops = { '=': l === r, '!=': l !== r, '<': l < r, '<=': l <= r, '>': l > r, '>=': l >= r };
      return ops[n.op];
    }
    default:
      return lit(n) ?? '';
  }
}

const numberField = fc.constantFrom('orders', 'revenue', 'aov', 'days_since_last_order', 'churn_risk', 'rfm.r');
const atom: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(numberField, fc.constantFrom('=', '!=', '<', '<=', '>', '>='), fc.integer({ min: 0, max: 10 }))
    .map(([f, op, v]) => `${f} ${op} ${v}`),
  fc
    .tuple(fc.boolean(), fc.subarray(['Champions', 'Loyal', 'Lost', 'New'], { minLength: 1 }))
    .map(([neg, xs]) => `rfm.group ${neg ? 'not in' : 'in'} (${xs.map((x) => `"${x}"`).join(', ')})`),
  fc
    .tuple(
      fc.constantFrom('bought', 'viewed', 'carted'),
      fc.constantFrom('any', '"女装"', '"Toys"'),
      fc.integer({ min: 1, max: 60 }),
    )
    .map(([f, k, d]) => `${f}(${k}, ${d}d)`),
  fc.constantFrom('lifecycle = "active"', 'affinity.category("女装") > 0.3', 'used_channel("app")'),
);
const rule: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    tie('expr').map((e) => `not (${e})`),
    fc.tuple(tie('expr'), fc.constantFrom('and', 'or'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
  ),
})).expr;

const subject: fc.Arbitrary<SegmentSubject> = fc
  .record({
    orders: fc.integer({ min: 0, max: 8 }),
    revenue: fc.integer({ min: 0, max: 10 }),
    lastDays: fc.integer({ min: 0, max: 100 }),
    churn: fc.double({ min: 0, max: 1, noNaN: true }),
    r: fc.integer({ min: 1, max: 5 }),
    group: fc.constantFrom('Champions' as const, 'Loyal' as const, 'Lost' as const),
    boughtDays: fc.integer({ min: 0, max: 100 }),
    toys: fc.double({ min: 0, max: 5, noNaN: true }),
  })
  .map((g) => {
    const p = emptyProfile('x');
    p.orders = g.orders;
    p.revenue = g.revenue;
    p.firstSeen = NOW - 200 * DAY_MS;
    p.lastOrder = g.orders > 0 ? NOW - g.lastDays * DAY_MS : null;
    p.firstOrder = p.lastOrder;
    p.recent.purchase = { '*': NOW - g.boughtDays * DAY_MS, 'c:女装': NOW - (g.boughtDays + 5) * DAY_MS };
    p.affinity.category = { 女装: 1, Toys: g.toys };
    p.channels = g.orders % 2 ? { app: 1 } : {};
    return {
      profile: p,
      rfm: { group: g.group, r: g.r, f: g.r, m: g.r },
      prediction: { churnRisk: g.churn, pAlive: 1 - g.churn, clv: g.revenue, expectedPurchases: 1 },
    };
  });

describe('segment rule properties', () => {
  it('formatting and re-parsing gives the same tree', () => {
    fc.assert(
      fc.property(rule, (text) => {
        const ast = parseRule(text);
        expect(strip(parseRule(formatRule(ast)))).toEqual(strip(ast));
      }),
      { numRuns: 300 },
    );
  });

  it('compiled closures agree with a tree-walking interpreter', () => {
    fc.assert(
      fc.property(rule, fc.array(subject, { minLength: 1, maxLength: 5 }), (text, subjects) => {
        const compiled = compileRule(text);
        for (const s of subjects) expect(compiled.matches(s, NOW)).toBe(interpret(compiled.ast, s) === true);
      }),
      { numRuns: 300 },
    );
  });
});
