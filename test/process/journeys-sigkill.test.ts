/**
 * A journey worker is a real child process (`daogou serve --role worker` on a SQLite file) killed with
 * SIGKILL while 10,000 customers wait and it is waking them and sending; a second worker started afterwards
 * finishes the job. A local webhook sink counts deliveries by messageId: every customer gets exactly one
 * message id (none lost, none doubled). A message the first worker handed to the sink but had not recorded
 * may arrive again with the same id — the at-least-once window receivers de-duplicate on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { Store } from '../../src/store/store.js';
import { testConfig, TEST_NOW } from '../helpers/test-time.js';
import { startWebhookSink, type WebhookSink } from '../helpers/webhook-sink.js';

const CUSTOMERS = 10_000;
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `serve --role worker` in a child process with its clock starting at `now`. */
function worker(databaseUrl: string, dataDir: string, now: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--role', 'worker'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DAOGOU_DATABASE_URL: databaseUrl,
      DAOGOU_DATA_DIR: dataDir,
      DAOGOU_NOW: new Date(now).toISOString(),
      DAOGOU_RETRAIN_HOURS: '0',
      DAOGOU_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[worker ${child.pid}] ${d.toString()}`));
  return child;
}

/** Polls `done` every 100 ms, at most `tries` times; returns whether it came true. */
async function until(done: () => boolean | Promise<boolean>, tries: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return true;
    await sleep(100);
  }
  return false;
}

describe('journeys survive a SIGKILLed worker', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daogou-sigkill-'));
  const databaseUrl = `sqlite:${path.join(dataDir, 'daogou.db')}`;
  const children: ChildProcess[] = [];
  let sink: WebhookSink | undefined;
  let store: Store | undefined;
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await store?.close();
    await sink?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses and duplicates no message of 10,000 waiting customers', { timeout: 480_000 }, async () => {
    sink = await startWebhookSink();
    // 10,000 customers enter an abandoned-cart journey and wait an hour (placed in-process, at TEST_NOW).
    const engine = await createEngine(testConfig({ databaseUrl, dataDir, retrainHours: 0 }), () => TEST_NOW);
    const journey = await engine.journeys.service.create({
      name: 'Abandoned cart',
      trigger: { event: 'add_to_cart' },
      exitOn: ['purchase'],
      steps: [
        { type: 'wait', duration: 'PT1H' },
        { type: 'send', channel: 'webhook', url: sink.url },
      ],
      status: 'active',
    });
    await engine.journeys.runner.tick();
    const ids = Array.from({ length: CUSTOMERS }, (_, i) => `c${String(i).padStart(5, '0')}`);
    for (let i = 0; i < ids.length; i += 1000)
      await engine.events.track(
        ids.slice(i, i + 1000).map((customerId) => ({ type: 'add_to_cart', customerId, itemId: 'kettle' })),
      );
    while ((await engine.journeys.runner.tick()).events > 0);
    const placed = await engine.store.journeyRuns.counts(journey.id);
    expect(placed).toMatchObject({ entered: CUSTOMERS, active: CUSTOMERS });
    await engine.close();

    // The first worker wakes them an hour later and is killed part-way through sending.
    store = await Store.open(databaseUrl);
    const first = worker(databaseUrl, dataDir, TEST_NOW + 3_600_000 + 1000);
    children.push(first);
    const partWay = await until(() => sink!.received.length >= 1500, 1800);
    expect(partWay, 'the first worker sent nothing within three minutes').toBe(true);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeRestart = new Set(sink.received.map((r) => r.body.messageId)).size;
    expect(beforeRestart).toBeLessThan(CUSTOMERS);

    // A new worker, ten minutes later (past the job lock and the message lease), finishes.
    const second = worker(databaseUrl, dataDir, TEST_NOW + 3_600_000 + 600_000);
    children.push(second);
    const finished = await until(async () => {
      const counts = await store!.journeyRuns.counts(journey.id);
      const messages = await store!.journeyMessages.counts(journey.id);
      const sent = messages.filter((m) => m.status === 'sent').reduce((s, m) => s + m.n, 0);
      return counts.active === 0 && sent === CUSTOMERS;
    }, 2400);
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    expect(finished, 'the second worker did not finish within four minutes').toBe(true);

    const byMessage = new Map<string, Set<string>>();
    for (const r of sink.received) {
      const set = byMessage.get(String(r.body.messageId)) ?? new Set<string>();
      set.add(String(r.body.customerId));
      byMessage.set(String(r.body.messageId), set);
    }
    const byCustomer = new Map<string, Set<string>>();
    for (const r of sink.received) {
      const set = byCustomer.get(String(r.body.customerId)) ?? new Set<string>();
      set.add(String(r.body.messageId));
      byCustomer.set(String(r.body.customerId), set);
    }
    // None lost: every customer got a message. None duplicated: each got exactly one message id.
    expect(byCustomer.size).toBe(CUSTOMERS);
    expect([...byCustomer.values()].every((m) => m.size === 1)).toBe(true);
    expect(byMessage.size).toBe(CUSTOMERS);
    expect([...byMessage.values()].every((c) => c.size === 1)).toBe(true);
    // Redeliveries with the same id are bounded by one delivery batch in flight at the kill.
    const redelivered = sink.received.length - byMessage.size;
    expect(redelivered).toBeLessThanOrEqual(500);
    console.log(
      `SIGKILL after ${beforeRestart} of ${CUSTOMERS} messages; ${redelivered} redelivered with the same messageId`,
    );
    const runs = await store.journeyRuns.counts(journey.id);
    expect(runs).toMatchObject({ entered: CUSTOMERS, active: 0 });
  });
});
