import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from './column-builder.js';

describe('ColumnBuilder', () => {
  it('keeps every pushed event, and each column its type, across growth', () => {
    const columns = new ColumnBuilder(0);
    for (let k = 0; k < 40; k++) columns.push(k, 100 + k, 1.5e9 + k / 4, k % 7, k / 8, k % 3, k % 2 ? -1 : k);
    expect(columns.size).toBe(40);
    expect(columns.users.length).toBe(64);
    expect(columns.ts).toBeInstanceOf(Float64Array);
    expect(columns.codes).toBeInstanceOf(Uint8Array);
    expect(columns.values).toBeInstanceOf(Float32Array);
    for (let k = 0; k < 40; k++) {
      expect([columns.users[k], columns.items[k], columns.ts[k], columns.codes[k]]).toEqual([
        k,
        100 + k,
        1.5e9 + k / 4,
        k % 7,
      ]);
      expect([columns.values[k], columns.channels[k], columns.orders[k]]).toEqual([k / 8, k % 3, k % 2 ? -1 : k]);
    }
  });
});
