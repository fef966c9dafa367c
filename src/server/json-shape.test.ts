import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonShapeProblem } from './json-shape.js';

describe('jsonShapeProblem', () => {
  it('measures nesting outside strings only', () => {
    expect(jsonShapeProblem('[]')).toBeUndefined();
    const deep = (d: number) => '['.repeat(d) + ']'.repeat(d);
    expect(jsonShapeProblem(deep(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonShapeProblem(deep(MAX_JSON_DEPTH + 1))).toMatch(/more than 32 levels/);
    expect(jsonShapeProblem(deep(10_000))).toMatch(/levels/);
    expect(jsonShapeProblem(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' }))).toBeUndefined();
    expect(jsonShapeProblem(JSON.stringify({ a: 'quote \\" [[[[', b: [1, { c: 2 }] }))).toBeUndefined();
  });

  it('finds escaped NUL characters, but not an escaped backslash followed by u0000', () => {
    expect(jsonShapeProblem(JSON.stringify({ t: 'a\u0000b' }))).toMatch(/NUL/);
    expect(jsonShapeProblem(JSON.stringify({ t: 'a\\u0000b' }))).toBeUndefined();
    expect(jsonShapeProblem(JSON.stringify({ t: 'plain', u: '\u00e9\n' }))).toBeUndefined();
  });

  it('finds escapes in any string of a body, after strings with none and after others with several', () => {
    const strings = Array.from({ length: 50 }, (_, i) => `plain ${i}`);
    expect(jsonShapeProblem(JSON.stringify([...strings, 'x\u0000']))).toMatch(/NUL/);
    expect(jsonShapeProblem(JSON.stringify([...strings, 'a\n"b\\', ...strings, 'c\u0000']))).toMatch(/NUL/);
    expect(jsonShapeProblem(JSON.stringify(['a\nb\tc', 'd', '[[[', { e: 'f\\u0000' }]))).toBeUndefined();
    expect(jsonShapeProblem(JSON.stringify(['\\', ...strings, '\u0000', 'g']))).toMatch(/NUL/);
  });
});
