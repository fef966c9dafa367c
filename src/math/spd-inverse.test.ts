import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { invertSpdInPlace } from './spd-inverse.js';

describe('invertSpdInPlace', () => {
  it('gives A·A⁻¹ = I for a random SPD matrix', () => {
    const n = 12;
    const rand = seededRandom(3);
    const x = Array.from({ length: n * n }, () => rand() - 0.5);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = i === j ? 0.5 : 0;
        for (let k = 0; k < n; k++) s += x[i * n + k]! * x[j * n + k]!;
        a[i * n + j] = s;
      }
    const inv = Float64Array.from(a);
    invertSpdInPlace(inv, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 8);
      }
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(() => invertSpdInPlace(Float64Array.of(0, 1, 1, 0), 2)).toThrow(/positive definite/);
  });
});
