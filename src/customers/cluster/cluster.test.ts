import { describe, expect, it } from 'vitest';
import { DAY_MS, type CustomerEvent } from '../types.js';
import { seededRandom } from '../../math/random.js';
import { buildProfiles } from '../profile/build-profiles.js';
import { clusterCustomers } from './cluster-customers.js';
import { kMeans } from './k-means.js';

const NOW = Date.UTC(2024, 5, 1);

describe('k-means', () => {
  it('separates well-separated blobs and is reproducible with a seed', () => {
    const rnd = seededRandom(1);
    const n = 300;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      data[i * 2] = c * 10 + rnd();
      data[i * 2 + 1] = c * -10 + rnd();
    }
    const a = kMeans(data, n, 2, 3, seededRandom(7));
    const b = kMeans(data, n, 2, 3, seededRandom(7));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    for (let i = 3; i < n; i++) expect(a.labels[i]).toBe(a.labels[i % 3]);
  });
});

describe('clusterCustomers', () => {
  it('finds big spenders and one-off buyers and describes them in words', () => {
    const rnd = seededRandom(3);
    const events: CustomerEvent[] = [];
    for (let c = 0; c < 200; c++) {
      const vip = c < 60;
      const orders = vip ? 10 + Math.floor(rnd() * 5) : 1;
      for (let o = 0; o < orders; o++) {
        events.push({
          kind: 'purchase',
          customerId: `c${c}`,
          time: NOW - Math.floor((vip ? 5 + o * 9 : 200 + rnd() * 100) * DAY_MS),
          amount: vip ? 200 + rnd() * 50 : 20 + rnd() * 5,
          items: [{ itemId: 'x', category: vip ? '女装' : 'Toys', price: 50, quantity: 1 }],
        });
      }
    }
    const profiles = [...buildProfiles(events).values()];
    const result = clusterCustomers(profiles, NOW, { kMax: 5 });
    expect(result.k).toBe(2);
    const vipCluster = result.clusters[result.labels[0]!]!;
    expect(vipCluster.size).toBe(60);
    expect(vipCluster.description).toMatch(/high frequency|high spend/);
    expect(vipCluster.description).toContain('prefers 女装');
  });
});
