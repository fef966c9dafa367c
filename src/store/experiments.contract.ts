/** The storage contract of experiments: definitions, exposures, SQL metric sums and erasure, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import { systemEvent, type NewEvent } from '../domain/index.js';
import type { ExperimentRecord } from './repositories/experiment-repository.js';
import type { Store } from './store.js';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 2, 10);

function event(id: string, overrides: Partial<NewEvent>): NewEvent {
  return systemEvent({ id, type: 'view', itemId: 'i1', channel: 'web', timestamp: T0, ...overrides });
}

function experiment(overrides: Partial<ExperimentRecord> = {}): ExperimentRecord {
  return {
    id: 'exp1',
    name: 'home recs model',
    description: null,
    surface: 'recommendations',
    kind: 'ab',
    status: 'running',
    salt: 'salt-1',
    variants: [
      { name: 'control', weight: 1, config: {} },
      { name: 'b', weight: 1, config: { model: 'popular' } },
    ],
    metrics: [
      { name: 'conversion', type: 'conversion', cuped: true },
      { name: 'revenue', type: 'revenue' },
      { name: 'aov', type: 'aov' },
      { name: 'wishlists', type: 'custom', event: 'wishlist' },
    ],
    traffic: 1,
    layer: { name: 'home', start: 0, end: 0.5 },
    segmentId: null,
    sequential: true,
    correction: 'holm',
    minSample: 100,
    banditFloor: 0.05,
    createdAt: T0,
    updatedAt: T0,
    startedAt: T0,
    stoppedAt: null,
    ...overrides,
  };
}

/** Registers the experiments storage contract tests for one backend. */
export function experimentsStoreContract(kind: TestDatabaseKind): void {
  describe(`experiments storage contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
      await store.experiments.insert(experiment());
      // c1 (control): exposed at T0+1h; bought before (pre-period) and twice after in one order + another order.
      // a2 (b, anonymous, later merged into c2): bought after exposure under the customer id.
      // a3 (b, anonymous only): no purchase, one wishlist. c4 (control): purchase before exposure only.
      await store.identities.link({ anonymousId: 'a2', customerId: 'c2', mergedAt: T0 + 3 * H });
      await store.events.insertMany([
        event('p0', { type: 'purchase', customerId: 'c1', orderId: 'o0', revenue: 7, timestamp: T0 - 2 * DAY }),
        event('p1', { type: 'purchase', customerId: 'c1', orderId: 'o1', revenue: 10, timestamp: T0 + 2 * H }),
        event('p2', { type: 'purchase', customerId: 'c1', orderId: 'o1', revenue: 5, timestamp: T0 + 2 * H }),
        event('p3', { type: 'purchase', customerId: 'c1', orderId: 'o2', revenue: 15, timestamp: T0 + 5 * H }),
        event('p4', {
          type: 'purchase',
          customerId: 'c2',
          anonymousId: 'a2',
          orderId: 'o3',
          revenue: 40,
          timestamp: T0 + 4 * H,
        }),
        event('w1', { type: 'wishlist', anonymousId: 'a3', timestamp: T0 + DAY + 2 * H }),
        event('p5', { type: 'purchase', customerId: 'c4', orderId: 'o4', revenue: 9, timestamp: T0 - H }),
      ]);
      const added = await store.experiments.recordExposures([
        {
          experimentId: 'exp1',
          unitId: 'c1',
          variant: 'control',
          customerId: 'c1',
          anonymousId: null,
          exposedAt: T0 + H,
        },
        { experimentId: 'exp1', unitId: 'a2', variant: 'b', customerId: null, anonymousId: 'a2', exposedAt: T0 + H },
        {
          experimentId: 'exp1',
          unitId: 'a3',
          variant: 'b',
          customerId: null,
          anonymousId: 'a3',
          exposedAt: T0 + DAY + H,
        },
        {
          experimentId: 'exp1',
          unitId: 'c4',
          variant: 'control',
          customerId: 'c4',
          anonymousId: null,
          exposedAt: T0 + H,
        },
      ]);
      expect(added).toBe(4);
    });

    afterAll(() => closeTestStore(store, database));

    it('round-trips an experiment, lists and updates it', async () => {
      expect(await store.experiments.get('exp1')).toEqual(experiment());
      expect((await store.experiments.getByName('home recs model'))?.id).toBe('exp1');
      await store.experiments.insert(
        experiment({ id: 'exp2', name: 'draft one', status: 'draft', layer: null, createdAt: T0 + 1 }),
      );
      expect((await store.experiments.list()).map((e) => e.id)).toEqual(['exp2', 'exp1']);
      expect((await store.experiments.list('draft')).map((e) => e.id)).toEqual(['exp2']);
      expect(
        await store.experiments.update(
          experiment({ id: 'exp2', name: 'draft one', status: 'stopped', stoppedAt: T0 + 9 }),
        ),
      ).toBe(true);
      expect((await store.experiments.get('exp2'))?.stoppedAt).toBe(T0 + 9);
      await expect(store.experiments.insert(experiment({ id: 'exp3' }))).rejects.toThrow();
      expect(await store.experiments.delete('exp2')).toBe(true);
      expect(await store.experiments.get('exp2')).toBeUndefined();
    });

    it('keeps the first exposure of a unit and finds it by any of its ids', async () => {
      const again = await store.experiments.recordExposures([
        {
          experimentId: 'exp1',
          unitId: 'c1',
          variant: 'b',
          customerId: 'c1',
          anonymousId: null,
          exposedAt: T0 + 9 * H,
        },
      ]);
      expect(again).toBe(0);
      expect(await store.experiments.priorVariant('exp1', 'c1', [])).toBe('control');
      expect(await store.experiments.priorVariant('exp1', 'c2', ['a2'])).toBe('b');
      expect(await store.experiments.priorVariant('exp1', 'c9', ['a9'])).toBeUndefined();
      expect(Object.fromEntries(await store.experiments.exposureCounts('exp1'))).toEqual({ control: 2, b: 2 });
    });

    it('sums every metric per variant and exposure day in SQL, through identity merges, with a pre-period', async () => {
      const rows = await store.experiments.metricSums('exp1', experiment().metrics);
      const by = (variant: string, day: number) => rows.find((r) => r.variant === variant && r.day === day);
      const control = by('control', T0)!;
      expect(control.units).toBe(2);
      // conversion: c1 1, c4 0 (bought only before); pre-period conversion: c1 1 (p0), c4 1 (p5).
      expect(control.metrics[0]).toMatchObject({ sum: 1, sumSquares: 1, preSum: 2, preSumSquares: 2, preProduct: 1 });
      // revenue: c1 30 after exposure; c4 0.
      expect(control.metrics[1]).toMatchObject({ sum: 30, sumSquares: 900 });
      // aov: revenue 30 over 2 orders.
      expect(control.metrics[2]).toMatchObject({
        sum: 30,
        denominatorSum: 2,
        denominatorSumSquares: 4,
        denominatorProduct: 60,
      });
      const bDay0 = by('b', T0)!;
      expect(bDay0.units).toBe(1);
      expect(bDay0.metrics[1]).toMatchObject({ sum: 40, sumSquares: 1600 });
      const bDay1 = by('b', T0 + DAY)!;
      expect(bDay1.units).toBe(1);
      expect(bDay1.metrics[3]).toMatchObject({ sum: 1, sumSquares: 1 });
      expect(bDay1.metrics[0]).toMatchObject({ sum: 0 });
    });

    it('stores read-outs and erases a customer’s exposures by customer and anonymous ids', async () => {
      await store.experiments.saveResult('exp1', { hello: 'world' }, 4, T0 + 10);
      await store.experiments.saveResult('exp1', { hello: 'again' }, 5, T0 + 11);
      expect(await store.experiments.getResult('exp1')).toEqual({
        result: { hello: 'again' },
        exposures: 5,
        computedAt: T0 + 11,
      });
      expect(await store.experiments.deleteExposuresForCustomer('c2', ['a2'])).toBe(1);
      expect(await store.experiments.deleteExposuresForCustomer('c1', [])).toBe(1);
      expect(Object.fromEntries(await store.experiments.exposureCounts('exp1'))).toEqual({ control: 1, b: 1 });
    });
  });
}
