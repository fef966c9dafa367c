/**
 * Jobs survive a SIGKILLed worker on PostgreSQL: real `serve --role worker` child processes are killed
 * with SIGKILL in the middle of an import, a profile fold and a training (each once it has reported
 * progress, so part of its work is done; the fold once a partition's job runs), and a worker started afterwards (its clock past the dead
 * one's job lock) takes the job over. Each job ends done, and its side effects are counted once: every
 * imported event stored once, every event folded into its customer's profile once, one model stored.
 */
import { Readable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { PROFILES_JOB } from '../../src/jobs/customer-jobs.js';
import { IMPORT_JOB, startImport } from '../../src/jobs/import-jobs.js';
import { TRAIN_JOB } from '../../src/jobs/recommend-jobs.js';
import { postgresKind, type TestDatabase } from '../helpers/databases.js';
import { startDaogou, type DaogouProcess } from '../helpers/daogou-process.js';
import { TEST_NOW, testConfig } from '../helpers/test-time.js';

const EVENTS = 150_000;
const CUSTOMERS = 3000;
const ITEMS = 800;
const HOUR = 3_600_000;
const kind = await postgresKind();

interface JobRow {
  id: string;
  name: string;
  status: string;
  attempts: number;
  progress: number;
}

describe.skipIf(!kind.available)('jobs survive a SIGKILLed worker (PostgreSQL)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-worker-kill-'));
  const workers: DaogouProcess[] = [];
  let db: TestDatabase | undefined;
  let client: pg.Client | undefined;
  afterAll(async () => {
    for (const w of workers) await w.kill9();
    await client?.end();
    await db?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A worker whose clock starts `hours` after TEST_NOW (past every lock a worker before it held). */
  const startWorker = async (hours: number) => {
    const w = await startDaogou({
      role: 'worker',
      databaseUrl: db!.url,
      dataDir,
      env: { DAOGOU_NOW: new Date(TEST_NOW + hours * HOUR).toISOString() },
    });
    workers.push(w);
    return w;
  };
  const jobs = async (name: string) =>
    (
      await client!.query<JobRow>(
        'select id, name, status, attempts, progress from jobs where name = $1 order by created_at',
        [name],
      )
    ).rows;
  /**
   * Waits (at most `seconds`) for a job of `name` running with progress reported (or only running, where one
   * job is a single step), then SIGKILLs `w`.
   */
  const killMidJob = async (w: DaogouProcess, name: string, seconds: number, progressed = true): Promise<JobRow> => {
    for (let i = 0; i < seconds * 10; i++) {
      const running = (await jobs(name)).find((j) => j.status === 'running' && (j.progress > 0 || !progressed));
      if (running) {
        await w.kill9();
        return running;
      }
      await sleep(100);
    }
    throw new Error(`no ${name} job ran with progress within ${seconds} s`);
  };
  const waitDone = async (id: string, seconds: number): Promise<JobRow> => {
    for (let i = 0; i < seconds * 10; i++) {
      const { rows } = await client!.query<JobRow>(
        'select id, name, status, attempts, progress from jobs where id = $1',
        [id],
      );
      if (rows[0] && ['done', 'failed'].includes(rows[0].status)) return rows[0];
      await sleep(100);
    }
    throw new Error(`job ${id} did not finish within ${seconds} s`);
  };

  it('finishes a killed import, profile fold and training exactly once', { timeout: 600_000 }, async () => {
    db = await kind.create();
    client = new pg.Client({ connectionString: db.url.replace(/[?&]schema=.*$/, '') });
    await client.connect();
    await client.query(`set search_path to ${new URL(db.url).searchParams.get('schema')}`);

    // An import job of EVENTS events (ids of their own), enqueued as POST /v1/imports does.
    const engine = await createEngine(testConfig({ databaseUrl: db.url, dataDir, retrainHours: 0 }), () => TEST_NOW);
    const lines = function* () {
      for (let n = 0; n < EVENTS; n++) {
        const type = n % 10 === 0 ? 'purchase' : n % 4 === 0 ? 'add_to_cart' : 'view';
        yield `${JSON.stringify({
          id: `imp-${n}`,
          type,
          customerId: `c${(n * 7919) % CUSTOMERS}`,
          itemId: `i${(n * 104_729) % ITEMS}`,
          timestamp: TEST_NOW - 30 * 86_400_000 + n * 1000,
          ...(type === 'purchase' ? { quantity: 1, price: 20, orderId: `o${n}` } : {}),
        })}\n`;
      }
    };
    const job = await startImport(
      engine.jobs,
      Readable.from(lines()),
      { kind: 'events', format: 'jsonl' },
      { uploadsDir: path.join(dataDir, 'imports'), limitBytes: 1 << 30 },
    );
    await engine.close();

    // 1. Import: killed part-way, finished by the next worker.
    const first = await startWorker(0);
    const importAtKill = await killMidJob(first, IMPORT_JOB, 240);
    // An import commits as a whole (all or nothing), so a kill part-way leaves no event behind.
    const partial = Number((await client.query('select count(*) as n from events')).rows[0].n);
    const second = await startWorker(1);
    const imported = await waitDone(job.id, 300);
    expect(imported).toMatchObject({ status: 'done', attempts: 2 });
    const { rows: counts } = await client.query<{ n: string; distinct_ids: string }>(
      'select count(*) as n, count(distinct id) as distinct_ids from events',
    );
    expect(Number(counts[0]!.n)).toBe(EVENTS);
    expect(Number(counts[0]!.distinct_ids)).toBe(EVENTS);

    // 2. Profile fold (the scheduled tailer, one job per customer partition): killed while a partition's fold
    // runs (a partition's share of this log is one page, written at its end), finished by the next worker.
    const fold = await killMidJob(second, PROFILES_JOB, 240, false);
    const third = await startWorker(2);
    const folded = await waitDone(fold.id, 300);
    expect(folded.status).toBe('done');
    // The tailer folds in several runs, one partition of customers per job: wait until every partition is done.
    const reader = await createEngine(testConfig({ databaseUrl: db.url, dataDir, retrainHours: 0 }), () => TEST_NOW);
    try {
      for (let i = 0; i < 3000 && !(await reader.customerAnalytics.profiles.caughtUp()); i++) await sleep(100);
    } finally {
      await reader.close();
    }
    // Each customer's profile counts each of their events once: channel counts sum to their events.
    const { rows: mismatched } = await client.query(
      `select e.customer_id, e.n, p.profile::jsonb as profile from
         (select customer_id, count(*) as n from events group by customer_id) e
         left join customer_profiles p on p.customer_id = e.customer_id`,
    );
    let wrong = 0;
    for (const row of mismatched as { n: string; profile: { channels: Record<string, number> } | null }[]) {
      const sum = Object.values(row.profile?.channels ?? {}).reduce((a, b) => a + b, 0);
      if (sum !== Number(row.n)) wrong += 1;
    }
    expect(mismatched.length).toBe(CUSTOMERS);
    expect(wrong).toBe(0);

    // 3. Training: killed once it reports progress, finished by the next worker, one model stored.
    const trainJobs = await jobs(TRAIN_JOB);
    if (!trainJobs.some((j) => j.status === 'queued' || j.status === 'running'))
      await client.query(
        `insert into jobs (id, name, payload, status, priority, attempts, max_attempts, run_at, created_at, singleton_key)
         values ('train-kill', $1, '{}', 'queued', 0, 0, 2, 0, 0, 'recommend.train')`,
        [TRAIN_JOB],
      );
    const training = await killMidJob(third, TRAIN_JOB, 300);
    const modelsAtKill = Number((await client.query('select count(*) as n from model_artifacts')).rows[0].n);
    await startWorker(3);
    const trained = await waitDone(training.id, 400);
    expect(trained).toMatchObject({ status: 'done', attempts: 2 });
    const models = Number((await client.query('select count(*) as n from model_artifacts')).rows[0].n);
    expect(models - modelsAtKill).toBe(1);
    console.log(
      `worker SIGKILL: import killed at ${(importAtKill.progress * 100).toFixed(0)}% read, ${partial} of ${EVENTS} events stored, finished with ${EVENTS} stored once; ` +
        `profile fold and training killed mid-job and finished once (attempts 2, one model)`,
    );
  });
});
