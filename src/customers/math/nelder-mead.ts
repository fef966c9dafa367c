/** Nelder–Mead simplex minimisation with restarts, used on log-parameters so every parameter stays positive. */

/** Options for {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial simplex step in each coordinate. */
  step?: number;
  /** Stop when the simplex function values differ by less than this. */
  tolerance?: number;
  /** Maximum iterations per run. */
  maxIterations?: number;
  /** Number of restarts from the best point found, which escapes premature simplex collapse. */
  restarts?: number;
}

/** The result of a minimisation. */
export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  /** Objective evaluations, the cost that matters for large data. */
  evaluations?: number;
}

/** Minimises f from x0; non-finite values are treated as +Infinity so the simplex backs away from them. */
export function nelderMead(objective: (x: number[]) => number, x0: number[], options: NelderMeadOptions = {}): Minimum {
  const counter = { count: 0 };
  const f = (x: number[]): number => {
    counter.count++;
    return objective(x);
  };
  const restarts = options.restarts ?? 3;
  let best = run(f, x0, options);
  let iterations = best.iterations;
  for (let i = 0; i < restarts; i++) {
    // Restarts only need to confirm or polish the optimum, so a smaller simplex converges sooner.
    const next = run(f, best.x, { ...options, step: (options.step ?? 0.5) / 5 });
    iterations += next.iterations;
    const improved = best.value - next.value;
    if (next.value < best.value) best = next;
    if (improved < (options.tolerance ?? 1e-10)) break;
  }
  return { ...best, iterations, evaluations: counter.count };
}

function run(f: (x: number[]) => number, x0: number[], options: NelderMeadOptions): Minimum {
  const n = x0.length;
  const step = options.step ?? 0.5;
  const tol = options.tolerance ?? 1e-10;
  const maxIter = options.maxIterations ?? 2000 * n;
  const safe = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const points: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = p[i]! + step;
    points.push(p);
  }
  const values = points.map(safe);
  const order = points.map((_, i) => i);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    order.sort((i, j) => values[i]! - values[j]!);
    const bestI = order[0]!;
    const worstI = order[n]!;
    const secondI = order[n - 1]!;
    if (Math.abs(values[worstI]! - values[bestI]!) <= tol * (Math.abs(values[bestI]!) + tol)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]!]!;
      for (let d = 0; d < n; d++) centroid[d] = centroid[d]! + p[d]! / n;
    }
    const worst = points[worstI]!;
    const along = (t: number): number[] => centroid.map((c, d) => c + t * (worst[d]! - c));
    const reflected = along(-1);
    const fr = safe(reflected);
    if (fr < values[bestI]!) {
      const expanded = along(-2);
      const fe = safe(expanded);
      if (fe < fr) replace(worstI, expanded, fe);
      else replace(worstI, reflected, fr);
    } else if (fr < values[secondI]!) {
      replace(worstI, reflected, fr);
    } else {
      const contracted = fr < values[worstI]! ? along(-0.5) : along(0.5);
      const fc = safe(contracted);
      if (fc < Math.min(fr, values[worstI]!)) {
        replace(worstI, contracted, fc);
      } else {
        const b = points[bestI]!;
        for (let k = 1; k <= n; k++) {
          const i = order[k]!;
          const shrunk = points[i]!.map((v, d) => b[d]! + 0.5 * (v - b[d]!));
          replace(i, shrunk, safe(shrunk));
        }
      }
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { x: points[bestIndex]!, value: values[bestIndex]!, iterations: iter };

  function replace(i: number, p: number[], v: number): void {
    points[i] = p;
    values[i] = v;
  }
}
