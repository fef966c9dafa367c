import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pgArrayLiteral } from './postgres-array-literal.js';

// node-postgres' own conversion of a parameter, which the literal must equal character for character.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue: (value: unknown) => unknown;
};

describe('pgArrayLiteral', () => {
  it('writes what node-postgres writes for strings, numbers, booleans and nulls', () => {
    const element = fc.oneof(
      fc.string(),
      fc.constantFrom('"', '\\', 'a"b\\c', '{x,y}', 'NULL', '', ' '),
      fc.string({ unit: 'grapheme' }),
      fc.double(),
      fc.integer(),
      fc.constantFrom(1.7e12 + 37, -0, Number.NaN, Number.POSITIVE_INFINITY),
      fc.boolean(),
      fc.constantFrom(null, undefined),
    );
    fc.assert(
      fc.property(fc.array(element, { maxLength: 40 }), (values) => {
        expect(pgArrayLiteral(values)).toBe(prepareValue(values));
      }),
    );
  });

  it('leaves arrays with other elements to node-postgres', () => {
    const values = ['a', { b: 1 }];
    expect(pgArrayLiteral(values)).toBe(values);
    const nested = [['a']];
    expect(pgArrayLiteral(nested)).toBe(nested);
  });
});
