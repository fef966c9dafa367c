import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind, type TestDatabase } from '../../test/helpers/databases.js';
import { Store } from '../store/store.js';
import { ABANDONED_ERROR } from '../store/repositories/job-repository.js';
import { FinalJobError, JobQueue } from './job-queue.js';
import { Worker, retryDelayMs, startWorkerLanes } from './worker.js';

describe('worker', () => {
  let database: TestDatabase;
  let store: Store;
  let now = Date.UTC(2026, 0, 1);
  const clock = () => now;

  beforeAll(async () => {
    database = await sqliteKind().create();
    store = await Store.open(database.url);
  });
  afterAll(async () => {
    await store.close();
    await database.cleanup();
  });

  it('runs handlers, records progress and results, and retries failures with back-off', async () => {
    const queue = new JobQueue(store, clock);
    const seen: unknown[] = [];
    let failures = 1;
    queue.define('echo', async (payload, ctx) => {
      await ctx.progress(0.5, 'working');
      seen.push(payload);
      return { echoed: payload };
    });
    queue.define('flaky', async () => {
      if (failures-- > 0) throw new Error('transient');
      return 'ok';
    });
    const worker = new Worker(store, queue, clock);
    const echo = await queue.enqueue('echo', { n: 1 });
    const flaky = await queue.enqueue('flaky');
    expect(await worker.drain()).toBe(2);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await queue.get(echo.id)).toMatchObject({
      status: 'done',
      result: { echoed: { n: 1 } },
      message: 'working',
    });
    expect(await queue.get(flaky.id)).toMatchObject({
      status: 'queued',
      lastError: 'transient',
      runAt: now + retryDelayMs(1),
    });
    now += retryDelayMs(1);
    expect(await worker.drain()).toBe(1);
    expect(await queue.get(flaky.id)).toMatchObject({ status: 'done', result: 'ok', attempts: 2 });
  });

  it('fails a job at once on a final error, and on its last attempt after its worker died', async () => {
    const queue = new JobQueue(store, clock);
    let runs = 0;
    queue.define('final', async () => {
      runs += 1;
      throw new FinalJobError('the same again');
    });
    const worker = new Worker(store, queue, clock, { lockMs: 1000 });
    const final = await queue.enqueue('final', {}, { maxAttempts: 3 });
    expect(await worker.drain()).toBe(1);
    expect(runs).toBe(1);
    expect(await queue.get(final.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'the same again' });
    // A worker that claimed the job and died (never finished it), twice: the second death spends its attempts.
    queue.define('slow', async () => 'done');
    const slow = await queue.enqueue('slow', {}, { maxAttempts: 2 });
    expect((await store.jobs.claim('dead-1', ['slow'], now, 1000))?.attempts).toBe(1);
    now += 2000;
    expect((await store.jobs.claim('dead-2', ['slow'], now, 1000))?.attempts).toBe(2);
    now += 2000;
    expect(await worker.drain()).toBe(0);
    expect(await queue.get(slow.id)).toMatchObject({ status: 'failed', attempts: 2, lastError: ABANDONED_ERROR });
  });

  it('runs quick jobs in a lane of their own while a long job holds the main lane', async () => {
    const queue = new JobQueue(store, clock);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    queue.define('long-train', async () => {
      order.push('train started');
      await gate;
      order.push('train done');
    });
    queue.define('quick-fold', async () => void order.push('fold'), { lane: 'quick' });
    expect(queue.names('quick')).toEqual(['quick-fold']);
    const lanes = startWorkerLanes(store, queue, clock, { pollMs: 10 });
    try {
      await queue.enqueue('long-train');
      for (let i = 0; i < 500 && !order.includes('train started'); i++) await new Promise((r) => setTimeout(r, 10));
      const fold = await queue.enqueue('quick-fold');
      for (let i = 0; i < 500 && (await queue.get(fold.id))?.status !== 'done'; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(order).toEqual(['train started', 'fold']);
      expect((await queue.get(fold.id))?.lockedBy).toBe(`${lanes.id}/quick`);
    } finally {
      release();
      await lanes.stop();
    }
    expect(order).toEqual(['train started', 'fold', 'train done']);
  });

  it('enqueues scheduled jobs once per period', async () => {
    const queue = new JobQueue(store, clock);
    let runs = 0;
    queue.define('tick', async () => ++runs);
    await queue.schedule('every-hour', 'tick', 3_600_000);
    const worker = new Worker(store, queue, clock);
    await worker.drain();
    await worker.drain();
    expect(runs).toBe(1);
    now += 3_600_000;
    await worker.drain();
    expect(runs).toBe(2);
  });

  it('prunes finished jobs past their retention', async () => {
    const queue = new JobQueue(store, clock);
    queue.define('quick', async () => 'done');
    const worker = new Worker(store, queue, clock, { retentionMs: 1000 });
    const job = await queue.enqueue('quick');
    await worker.drain();
    expect((await queue.get(job.id))?.status).toBe('done');
    now += 2 * 3_600_000;
    await worker.drain();
    expect(await queue.get(job.id)).toBeUndefined();
  });

  it('starts and stops its background loop', async () => {
    const queue = new JobQueue(store, clock);
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    queue.define('once', async () => done());
    const worker = new Worker(store, queue, clock, { pollMs: 10 });
    worker.start();
    const job = await queue.enqueue('once');
    await finished;
    await worker.stop();
    // The loop ran the job to completion, and once stopped it claims nothing more.
    expect((await queue.get(job.id))?.status).toBe('done');
    const later = await queue.enqueue('once');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await queue.get(later.id))?.status).toBe('queued');
  });
});
