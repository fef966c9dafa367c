/** A small deterministic demo store loaded through the services, and a worker run without timers. */
import { planDemoStore } from '../../src/demo/index.js';
import type { Engine } from '../../src/engine/engine.js';
import { PROFILES_JOB } from '../../src/jobs/customer-jobs.js';
import { Worker } from '../../src/jobs/worker.js';

/** The fixed end of the small store's history. */
export const SMALL_STORE_ANCHOR = Date.UTC(2026, 10, 1);

/** Loads 150 items, 120 customers and 60 days of behaviour (seeded); returns how many events were stored. */
export async function loadSmallStore(engine: Engine): Promise<number> {
  const plan = planDemoStore({ items: 150, customers: 120, days: 60, anchor: SMALL_STORE_ANCHOR });
  await engine.items.upsert(plan.items);
  await engine.customers.upsert(plan.customers);
  let stored = 0;
  for (const day of plan.eventBatches()) {
    if (day.length > 0) stored += (await engine.events.track(day, { strict: false })).stored;
  }
  for (const merge of plan.merges) await engine.identities.merge(merge);
  return stored;
}

/**
 * Runs the profile tailer job and every other due job until none is left, as a worker process would
 * (the tailer is enqueued explicitly: its 10-second schedule would not be due again within a test).
 */
export async function drainJobs(engine: Engine): Promise<number> {
  await engine.jobs.enqueue(PROFILES_JOB);
  return new Worker(engine.store, engine.jobs, engine.clock).drain();
}
