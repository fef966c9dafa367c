import { describe, expect, it } from 'vitest';
import { DAY_MS, type CustomerEvent } from '../types.js';
import { buildProfiles } from '../profile/build-profiles.js';
import { compileRule } from './compile-rule.js';
import { diffMembership } from './membership-diff.js';
import { parseRule } from './parser.js';
import { SegmentRuleError } from './segment-rule-error.js';
import type { SegmentSubject } from './segment-subject.js';
import { tokenize } from './tokenizer.js';

const NOW = Date.UTC(2024, 5, 1);
const ago = (days: number): number => NOW - days * DAY_MS;

const events: CustomerEvent[] = [
  {
    kind: 'purchase',
    customerId: 'anna',
    time: ago(10),
    amount: 300,
    channel: 'app',
    items: [{ itemId: 'dress-1', category: '女装', brand: 'Acme', price: 120, quantity: 1 }],
  },
  { kind: 'purchase', customerId: 'anna', time: ago(40), amount: 100, items: [] },
  { kind: 'purchase', customerId: 'anna', time: ago(70), amount: 100, items: [] },
  { kind: 'view', customerId: 'ben', time: ago(3), category: 'Home/Kitchen', itemId: 'pan' },
  {
    kind: 'purchase',
    customerId: 'ben',
    time: ago(200),
    amount: 40,
    channel: 'web',
    items: [{ itemId: 'pan', category: 'Home/Kitchen', price: 40, quantity: 1 }],
  },
];
const profiles = buildProfiles(events);
const subject = (id: string, extra: Partial<SegmentSubject> = {}): SegmentSubject => ({
  profile: profiles.get(id)!,
  ...extra,
});
const anna = subject('anna', {
  rfm: { group: 'Champions', r: 5, f: 5, m: 5 },
  prediction: { churnRisk: 0.2, pAlive: 0.9, clv: 500, expectedPurchases: 3 },
});
const ben = subject('ben', {
  rfm: { group: 'At risk', r: 1, f: 2, m: 2 },
  prediction: { churnRisk: 0.7, pAlive: 0.4, clv: 30, expectedPurchases: 0.3 },
});
const run = (rule: string, s: SegmentSubject): boolean => compileRule(rule).matches(s, NOW);

describe('segment rule language', () => {
  it('treats a category path as covering its subcategories (bought and affinity)', () => {
    // ben viewed and bought Home/Kitchen: the department Home matches too, a sibling does not.
    expect(run('viewed("Home", 7d)', ben)).toBe(true);
    expect(run('viewed("Home/Kitchen", 7d)', ben)).toBe(true);
    expect(run('viewed("Home/Bath", 7d)', ben)).toBe(false);
    expect(run('viewed("Hom", 7d)', ben)).toBe(false);
    expect(run('affinity.category("Home") = 1', ben)).toBe(true);
    expect(run('affinity.category("Home/Kitch") > 0', ben)).toBe(false);
  });

  it('tokenizes durations, strings with escapes and operators', () => {
    const kinds = tokenize('bought("女\\"装", 30d) and x >= 2.5').map((t) => t.kind);
    expect(kinds).toEqual(['ident', '(', 'string', ',', 'duration', ')', 'and', 'ident', 'op', 'number', 'end']);
    expect(tokenize('14d')[0]?.value).toBe(14 * DAY_MS);
  });

  it('evaluates the documented examples', () => {
    expect(run('bought("女装", 30d) and churn_risk < 0.6', anna)).toBe(true);
    expect(run('bought("女装", 5d)', anna)).toBe(false);
    expect(run('rfm.group in ("Champions", "Loyal") and orders >= 3', anna)).toBe(true);
    expect(run('rfm.group in ("Champions", "Loyal") and orders >= 3', ben)).toBe(false);
    expect(run('affinity.category("Home/Kitchen") > 0.2 or not viewed(any, 14d)', ben)).toBe(true);
    expect(run('affinity.category("Home/Kitchen") > 0.2 or not viewed(any, 14d)', anna)).toBe(true);
    expect(run('churn_risk > 0.6 and not bought(any, 90d)', ben)).toBe(true);
    expect(run('lifecycle = "active" and used_channel("app")', anna)).toBe(true);
    expect(run('lifecycle not in ("active", "new")', ben)).toBe(true);
    expect(run('top_category == "女装" and aov > 150', anna)).toBe(true);
  });

  it('gives precedence to not over and over or, and honours parentheses', () => {
    expect(run('orders = 1 or orders = 3 and revenue > 1000', anna)).toBe(false);
    expect(run('(orders = 1 or orders = 3) and revenue > 100', anna)).toBe(true);
    expect(run('not orders = 1 and orders > 2', anna)).toBe(true);
  });

  it('treats missing predictions as false comparisons, not errors', () => {
    expect(run('churn_risk > 0.5', subject('ben'))).toBe(false);
    expect(run('not churn_risk > 0.5', subject('ben'))).toBe(true);
  });

  it('reports syntax errors with the position and what was expected', () => {
    const err = (rule: string): SegmentRuleError => {
      try {
        parseRule(rule);
      } catch (e) {
        if (e instanceof SegmentRuleError) return e;
      }
      throw new Error(`no error for ${rule}`);
    };
    expect(err('orders > 3 and (revenue > 5').message).toMatch(/expected '\)' but found end of rule/);
    expect(err('orders > 3 and (revenue > 5').position).toBe(27);
    expect(err('orders >').message).toMatch(/expected a field, function, literal/);
    expect(err('rfm.group in "x"').message).toMatch(/expected '\(' after 'in'/);
    expect(err('orders > 3 revenue').message).toMatch(/expected 'and', 'or' or end of rule but found 'revenue'/);
    expect(err('orders > 3 revenue').position).toBe(11);
    expect(err('bought("x, 3d)').message).toMatch(/unterminated string/);
    expect(err('viewed(any, 3y)').message).toMatch(/unknown duration unit/);
    expect(err('orders # 2').message).toMatch(/unexpected character '#'/);
  });

  it('type-checks against the catalogue and names unknown fields', () => {
    expect(() => compileRule('ordrs > 3')).toThrow(/unknown field 'ordrs'/);
    expect(() => compileRule('bought("x")')).toThrow(/bought takes 2 argument/);
    expect(() => compileRule('bought("x", 5)')).toThrow(/argument 2 of bought must be a duration/);
    expect(() => compileRule('orders > "3"')).toThrow(/compares numbers/);
    expect(() => compileRule('lifecycle = "actve"')).toThrow(/unknown value "actve" for lifecycle/);
    expect(() => compileRule('rfm.group in ("Champs")')).toThrow(/unknown value "Champs"/);
    expect(() => compileRule('orders')).toThrow(/must be a true\/false condition/);
    expect(() => compileRule('orders and revenue > 1')).toThrow(/'and' needs true\/false/);
    expect(() => compileRule('affinity.category > 1')).toThrow(/is a function/);
    try {
      compileRule('orders > 1 and ordrs > 3');
    } catch (e) {
      expect((e as SegmentRuleError).position).toBe(15);
    }
  });

  it('diffs memberships', () => {
    expect(diffMembership(['a', 'b', 'c'], new Set(['b', 'c', 'd']))).toEqual({ entered: ['d'], exited: ['a'] });
  });
});
