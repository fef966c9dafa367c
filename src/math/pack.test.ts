import { describe, expect, it } from 'vitest';
import { getArray, pack, unpack } from './pack.js';

describe('pack', () => {
  it('round-trips metadata and typed arrays of every supported type', () => {
    const bytes = pack(
      { name: 'x', n: 3 },
      {
        a: Int32Array.of(1, -2, 3),
        b: Float32Array.of(0.5, 1.5),
        c: Float64Array.of(Math.PI),
        d: Uint8Array.of(7),
        e: Uint32Array.of(9, 10),
      },
    );
    const { meta, arrays } = unpack<{ name: string; n: number }>(bytes);
    expect(meta).toEqual({ name: 'x', n: 3 });
    expect([...getArray(arrays, 'a', Int32Array)]).toEqual([1, -2, 3]);
    expect([...getArray(arrays, 'b', Float32Array)]).toEqual([0.5, 1.5]);
    expect([...getArray(arrays, 'c', Float64Array)]).toEqual([Math.PI]);
    expect([...getArray(arrays, 'd', Uint8Array)]).toEqual([7]);
    expect([...getArray(arrays, 'e', Uint32Array)]).toEqual([9, 10]);
    expect(() => getArray(arrays, 'missing', Int32Array)).toThrow(/missing/);
  });
});
