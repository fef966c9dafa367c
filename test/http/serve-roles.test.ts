/**
 * The process roles on a real SQLite file: `all` answers requests while its job thread is busy, `worker`
 * runs jobs without serving, `api` serves without running jobs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { PROFILES_JOB } from '../../src/jobs/customer-jobs.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { BLOCK_JOB } from '../helpers/blocking-job.js';
import { testConfig } from '../helpers/test-time.js';

const BLOCKING_JOBS = pathToFileURL(path.resolve(import.meta.dirname, '../helpers/blocking-job.ts')).href;

describe('serve roles', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const start = async (role: Config['role'], dir?: string) => {
    const dataDir = dir ?? mkdtempSync(path.join(os.tmpdir(), 'daogou-roles-'));
    if (!dir) cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
    const config = testConfig({
      dataDir,
      databaseUrl: `sqlite:${path.join(dataDir, 'daogou.db')}`,
      role,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      retrainHours: 0,
    });
    const server = await startServer(config, { jobModules: [BLOCKING_JOBS], worker: { pollMs: 20 } });
    cleanups.push(() => server.close());
    return { server, dataDir };
  };
  const until = async (server: RunningServer, id: string, status: string) => {
    for (;;) {
      const job = await server.engine.jobs.get(id);
      if (job?.status === status) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('all: answers requests while a job holds the job thread', async () => {
    const { server, dataDir } = await start('all');
    expect(server.workerId).toBeDefined();
    expect(server.jobs).toContain(BLOCK_JOB);
    const release = path.join(dataDir, 'release');
    const job = await server.engine.jobs.enqueue(BLOCK_JOB, { release });
    const running = await until(server, job.id, 'running');
    expect(running.lockedBy).toBe(server.workerId);

    const health = await fetch(`${server.url!}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url!}/ready`);
    expect(ready.status).toBe(200);
    // Both answered while the job was still running: it ends only when the file below appears.
    expect((await server.engine.jobs.get(job.id))?.status).toBe('running');

    writeFileSync(release, '');
    expect((await until(server, job.id, 'done')).result).toEqual({ released: true });
  });

  it('worker: runs jobs and serves nothing; api: serves and runs none', async () => {
    const { server: api, dataDir } = await start('api');
    expect(api.workerId).toBeUndefined();
    expect((await fetch(`${api.url!}/health`)).status).toBe(200);
    const job = await api.engine.jobs.enqueue(PROFILES_JOB);

    const { server: worker } = await start('worker', dataDir);
    expect(worker.app).toBeUndefined();
    expect(worker.url).toBeUndefined();
    const done = await until(api, job.id, 'done');
    expect(done.lockedBy).toBe(worker.workerId);
  });
});
