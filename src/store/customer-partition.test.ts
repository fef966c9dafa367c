import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { customerPartition } from './customer-partition.js';

describe('customerPartition', () => {
  it('is the first 32 bits of the id’s MD5, sign bit cleared, modulo the count', () => {
    // md5('abc') = 90015098…: 0x10015098 = 268521624.
    expect(customerPartition('abc', 1_000_000_007)).toBe(268521624);
    for (const id of ['c1', 'customer-42', '客户-7', '', 'a'.repeat(300)]) {
      const head = createHash('md5').update(id, 'utf8').digest().readUInt32BE(0) & 0x7fffffff;
      for (const count of [1, 4, 8, 13]) expect(customerPartition(id, count)).toBe(head % count);
    }
  });
});
