import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsrMatrix } from './csr-matrix.js';

const triplets = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([rows, cols]) =>
  fc.record({
    rows: fc.constant(rows),
    cols: fc.constant(cols),
    entries: fc.array(fc.tuple(fc.nat({ max: rows - 1 }), fc.nat({ max: cols - 1 }), fc.integer({ min: -5, max: 5 })), {
      maxLength: 40,
    }),
  }),
);

function dense(rows: number, cols: number, entries: [number, number, number][]): number[][] {
  const d = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (const [r, c, v] of entries) d[r]![c]! += v;
  return d;
}

function toDense(m: CsrMatrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => m.get(i, j)));
}

describe('CsrMatrix', () => {
  it('matches a dense reference built from the same COO triplets (duplicates summed)', () => {
    fc.assert(
      fc.property(triplets, ({ rows, cols, entries }) => {
        const m = CsrMatrix.fromCoo(
          rows,
          cols,
          entries.map((e) => e[0]),
          entries.map((e) => e[1]),
          entries.map((e) => e[2]),
        );
        expect(toDense(m)).toEqual(dense(rows, cols, entries));
        for (let i = 0; i < rows; i++)
          for (let k = m.indptr[i]! + 1; k < m.indptr[i + 1]!; k++)
            expect(m.indices[k]!).toBeGreaterThan(m.indices[k - 1]!);
      }),
    );
  });

  it('transposes', () => {
    fc.assert(
      fc.property(triplets, ({ rows, cols, entries }) => {
        const m = CsrMatrix.fromCoo(
          rows,
          cols,
          entries.map((e) => e[0]),
          entries.map((e) => e[1]),
          entries.map((e) => e[2]),
        );
        const t = m.transpose();
        const d = dense(rows, cols, entries);
        expect(toDense(t)).toEqual(
          Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => d[i]![j]!)),
        );
      }),
    );
  });

  it('adds a scaled row into a dense vector', () => {
    const m = CsrMatrix.fromCoo(2, 3, [0, 0, 1], [0, 2, 1], [1, 2, 3]);
    const out = new Float32Array(3);
    m.addRowTo(0, 2, out);
    expect([...out]).toEqual([2, 0, 4]);
    expect(m.nnz).toBe(3);
    expect(m.rowLength(1)).toBe(1);
  });
});
