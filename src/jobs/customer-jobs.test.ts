/**
 * The profile fold split by customer partition (issue 22), on SQLite and PostgreSQL: one scheduled job per
 * partition, claimed by different workers at once; a worker that dies in the middle of a partition's fold (its
 * claim abandoned after a page was written) has the job taken over once its lock expires, and every event ends
 * folded exactly once — also when two runs of one partition race (only one write of a cursor position wins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds, type TestDatabase } from '../../test/helpers/databases.js';
import { loadSmallStore } from '../../test/helpers/small-store.js';
import { TEST_NOW, testConfig } from '../../test/helpers/test-time.js';
import { PROFILE_CURSOR_KEY, PROFILE_PARTITIONS } from '../customers/index.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { PROFILES_JOB, scheduleCustomerJobs } from './customer-jobs.js';
import { Worker } from './worker.js';

/** Profiles as comparable text: affinity scores to 9 significant digits (folds in other pages round apart). */
async function snapshot(engine: Engine): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const p of engine.store.profiles.all())
    out.set(
      p.customerId,
      JSON.stringify(p.profile, (_k, v: unknown) =>
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v,
      ),
    );
  return out;
}

for (const kind of await allDatabaseKinds()) {
  describe.skipIf(!kind.available)(`profile folds by customer partition on ${kind.name}`, () => {
    let database: TestDatabase;
    let engine: Engine;
    let now = TEST_NOW;
    let reference: Map<string, string>;

    beforeAll(async () => {
      database = await kind.create();
      engine = await createEngine(testConfig({ databaseUrl: database.url, retrainHours: 0 }), () => now);
      await loadSmallStore(engine);
      await engine.customerAnalytics.profiles.catchUp();
      reference = await snapshot(engine);
    }, 120_000);

    afterAll(async () => {
      await engine?.close();
      await database?.cleanup();
    });

    it('schedules one job per partition, which two workers claim side by side', async () => {
      await scheduleCustomerJobs(engine.jobs, engine.clock);
      // A worker enqueues the due schedules (all of them: first run now); the claims below are other workers'.
      now += 1;
      await new Worker(engine.store, engine.jobs, engine.clock).drain();
      const done = (await engine.jobs.recent(100, PROFILES_JOB)).filter((j) => j.status === 'done');
      expect(new Set(done.map((j) => (j.payload as { partition: number }).partition))).toEqual(
        new Set(Array.from({ length: PROFILE_PARTITIONS }, (_, p) => p)),
      );
      await engine.jobs.enqueue(PROFILES_JOB, { partition: 1 }, { singletonKey: 'p1' });
      await engine.jobs.enqueue(PROFILES_JOB, { partition: 2 }, { singletonKey: 'p2' });
      const a = await engine.store.jobs.claim('worker-a', [PROFILES_JOB], now, 60_000);
      const b = await engine.store.jobs.claim('worker-b', [PROFILES_JOB], now, 60_000);
      expect(a && b && a.id !== b.id).toBe(true);
      expect(await engine.store.jobs.claim('worker-c', [PROFILES_JOB], now, 60_000)).toBeUndefined();
      for (const job of [a!, b!]) await engine.store.jobs.complete(job.id, {}, now);
      // Nothing new was logged, so the folds found nothing to do and the profiles are unchanged.
      expect(await snapshot(engine)).toEqual(reference);
    });

    it('takes over a partition whose worker died mid-fold, and folds every event once', async () => {
      const tailer = engine.customerAnalytics.profiles;
      await tailer.reset();
      const job = await engine.jobs.enqueue(PROFILES_JOB, { partition: 3 }, { singletonKey: 'p3' });
      // The dead worker claimed the job and wrote two small pages of its partition before it was killed.
      const claimed = await engine.store.jobs.claim('dead', [PROFILES_JOB], now, 1000);
      expect(claimed?.id).toBe(job.id);
      expect((await tailer.runOnce(20, 3)).events).toBe(20);
      expect((await tailer.runOnce(20, 3)).more).toBe(true);
      // Past its lock, another worker takes the job over and finishes the partition.
      now += 2000;
      expect(await new Worker(engine.store, engine.jobs, engine.clock).drain()).toBeGreaterThan(0);
      expect(await engine.jobs.get(job.id)).toMatchObject({ status: 'done', attempts: 2 });
      expect((await tailer.runOnce(20, 3)).events).toBe(0);
      expect(await tailer.caughtUp()).toBe(false);
      // Two runs of one partition at once (a worker taken for dead that was only slow): neither folds twice.
      const [x, y] = await Promise.all([tailer.runOnce(25, 5), tailer.runOnce(25, 5)]);
      expect(x.events + y.events).toBeGreaterThan(0);
      await tailer.catchUp(50);
      expect(await tailer.caughtUp()).toBe(true);
      expect(await snapshot(engine)).toEqual(reference);
    });

    it('starts a partition never folded from the cursor of the unpartitioned fold (an upgraded store)', async () => {
      const tailer = engine.customerAnalytics.profiles;
      await engine.store.db.deleteFrom('meta').where('key', 'like', `${PROFILE_CURSOR_KEY}.%`).execute();
      const top = await engine.store.events.approximateCount();
      await engine.store.meta.set(PROFILE_CURSOR_KEY, String(top), now);
      expect(await tailer.cursor()).toBe(top);
      expect(await tailer.caughtUp()).toBe(true);
      expect((await tailer.runOnce()).events).toBe(0);
      expect(await snapshot(engine)).toEqual(reference);
    });
  });
}
