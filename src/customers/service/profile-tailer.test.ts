import { describe, expect, it } from 'vitest';
import { addResults } from './profile-tailer.js';

describe('addResults', () => {
  const a = { events: 10, customers: 3, cursor: 500, more: true };
  const b = { events: 4, customers: 2, cursor: 420, more: false };

  it('adds the counts of partitions folded side by side, at the lowest cursor, with more if either has', () => {
    expect(addResults(a, b, 'beside')).toEqual({ events: 14, customers: 5, cursor: 420, more: true });
    expect(addResults({ events: 0, customers: 0, cursor: Infinity, more: false }, b, 'beside')).toEqual(b);
  });

  it('adds the counts of runs one after another, where the later one ended', () => {
    expect(addResults(a, b, 'after')).toEqual({ events: 14, customers: 5, cursor: 420, more: false });
    expect(addResults(b, a, 'after')).toEqual({ events: 14, customers: 5, cursor: 500, more: true });
  });
});
