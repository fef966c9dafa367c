import { describe, expect, it } from 'vitest';
import { NEURAL_SEEDS } from '../neural-global-model.js';
import type { PooledJob } from '../pooled-kinds.js';
import { splitNeural } from './pooled-threads.js';

const series = [Float64Array.from([1, 2, 3])];
const job = (kind: PooledJob['kind']): PooledJob => ({ kind, series, h: 2, m: 1 });

describe('splitNeural', () => {
  it('deals the network’s seeds over the threads and joins one answer per job asked', () => {
    const { jobs, join } = splitNeural([job('boosted'), job('neural'), job('ridge')], 2);
    const parts = jobs.filter((j) => j.kind === 'neural');
    expect(parts).toHaveLength(2);
    // Every seed once, in order, the larger share first.
    expect(parts.map((p) => p.seeds)).toEqual([
      { first: 0, count: Math.ceil(NEURAL_SEEDS / 2) },
      { first: Math.ceil(NEURAL_SEEDS / 2), count: Math.floor(NEURAL_SEEDS / 2) },
    ]);
    const net = (name: string) => ({ h: 2, m: 1, total: new Float64Array(0), nets: [name] });
    const answers = join(jobs.map((j) => (j.kind === 'neural' ? net(`seeds from ${j.seeds!.first}`) : j.kind)));
    expect(answers).toEqual([
      'boosted',
      { ...net('x'), nets: [`seeds from 0`, `seeds from ${Math.ceil(NEURAL_SEEDS / 2)}`] },
      'ridge',
    ]);
  });

  it('leaves the jobs whole on one thread, and a part that failed fails the network', () => {
    const one = splitNeural([job('neural')], 1);
    expect(one.jobs).toEqual([job('neural')]);
    const two = splitNeural([job('neural')], 2);
    expect(two.join([undefined, { nets: [] }])).toEqual([undefined]);
  });
});
