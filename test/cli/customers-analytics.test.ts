/** `daogou customers analyse|profile|clv` and `daogou segments …` against a real SQLite store and real files. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../helpers/test-time.js';
import { datasetPath, missingDatasetMessage } from '../../src/datasets/location.js';
import { simulateBgNbd } from '../../src/customers/clv/simulate-bg-nbd.js';
import { seededRandom } from '../../src/math/random.js';
import { createEngine } from '../../src/engine/engine.js';
import { runDaogou } from '../helpers/run-cli.js';
import { loadSmallStore } from '../helpers/small-store.js';

const cdnow = datasetPath('cdnow', 'CDNOW_master.txt');
if (!cdnow) console.warn(missingDatasetMessage('cdnow', 'CDNOW_master.txt'));

describe('daogou customer analytics commands', () => {
  let dir: string;
  let db: string;
  let buyer: string;
  const cli = (...args: string[]) => runDaogou(['--database', db, ...args]);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-customers-'));
    db = `sqlite:${path.join(dir, 'daogou.db')}`;
    const engine = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    try {
      await loadSmallStore(engine);
      const purchase = (await engine.store.events.scan(0, 100_000)).find((e) => e.type === 'purchase' && e.customerId);
      buyer = purchase!.customerId!;
    } finally {
      await engine.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('analyses the store and shows a profile with scores', async () => {
    const run = await cli('customers', 'analyse', '--horizon-days', '90', '--json');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.customers).toBeGreaterThan(50);
    expect(summary.clusters.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(summary.rfmGroups).length).toBeGreaterThan(1);
    const text = await cli('customers', 'analyse');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/RFM groups:/);
    expect(text.stdout).toMatch(/clusters \(k = \d+, chosen by the highest mean silhouette\)/);

    const rebuilt = await cli('customers', 'rebuild-profiles');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toMatch(/rebuilt \d+ profiles/);
    const profile = await cli('customers', 'profile', buyer, '--json');
    expect(profile.code).toBe(0);
    const insight = JSON.parse(profile.stdout);
    expect(insight.profile.orders).toBeGreaterThan(0);
    expect(insight.scores.rfm.group).toEqual(expect.any(String));
    const human = await cli('customers', 'profile', buyer);
    expect(human.stdout).toMatch(/RFM {8}\S+/);
    const missing = await cli('customers', 'profile', 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no profile for customer "nobody"/);
    const badDate = await cli('customers', 'analyse', '--as-of', '2026-13-01');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--as-of: expected YYYY-MM-DD/);
  }, 60_000);

  it('creates, lists, exports, previews and deletes segments', async () => {
    const created = await cli('segments', 'create', '--name', 'Buyers', '--rule', 'orders >= 1', '--json');
    expect(created.code).toBe(0);
    const segment = JSON.parse(created.stdout);
    expect(segment.size).toBeGreaterThan(10);
    expect((await cli('segments', 'list')).stdout).toMatch(/Buyers {2}— orders >= 1/);

    const csvFile = path.join(dir, 'buyers.csv');
    const exported = await cli('segments', 'export', 'Buyers', '--format', 'csv', '--out', csvFile);
    expect(exported.code).toBe(0);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('customer_id,entered_at');
    expect(lines).toHaveLength(segment.size + 1);
    const json = await cli('segments', 'export', segment.id, '--format', 'json');
    expect(JSON.parse(json.stdout)).toHaveLength(segment.size);
    const members = await cli('segments', 'members', 'Buyers', '--limit', '3');
    expect(members.stdout.trim().split('\n')).toHaveLength(3);

    const preview = await cli('segments', 'preview', 'orders >= 1 and used_channel("app")', '--json');
    expect(JSON.parse(preview.stdout).size).toBeLessThanOrEqual(segment.size);
    const bad = await cli('segments', 'preview', 'orders >= 1 and (revenue > 5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rule: expected '\)' .*at position \d+/);
    expect((await cli('segments', 'delete', 'Buyers')).code).toBe(0);
    const gone = await cli('segments', 'show', 'Buyers');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no segment with id or name "Buyers"/);
  }, 60_000);

  it('fits CLV on a transactions CSV and names the line and field of a bad row', async () => {
    const file = path.join(dir, 'transactions.csv');
    writeFileSync(file, syntheticTransactions());
    const run = await runDaogou(['customers', 'clv', '--transactions', file, '--horizon-days', '180', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(['params', 'model', 'customers']);
    // The forecasts used and why: chosen by validation inside the fitting period.
    expect(out.model.forecast.reason).toMatch(/^validated on 2 holdouts/);
    expect(out.model.spendForecast.chosen).toEqual(expect.any(String));
    expect(Object.keys(out.params).sort()).toEqual(['a', 'alpha', 'b', 'p', 'q', 'r', 'v']);
    expect(out.params.r).toBeGreaterThan(0);
    expect(out.customers.length).toBe(300);
    for (const c of out.customers.slice(0, 5)) {
      expect(Object.keys(c)).toEqual(['customer_id', 'p_alive', 'expected_purchases', 'predicted_clv']);
      expect(c.p_alive).toBeGreaterThanOrEqual(0);
      expect(c.p_alive).toBeLessThanOrEqual(1);
    }
    const human = await runDaogou(['customers', 'clv', '--transactions', file]);
    expect(human.stdout).toMatch(/customer_id +p_alive/);
    expect(human.stdout).toMatch(/^expected purchases: .+ — validated on 2 holdouts/m);
    expect(human.stdout).toMatch(/^expected order value: .+ — /m);

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'customer_id,date,amount\nc1,2024-01-02,10\nc2,2024-01-03,ten\n');
    const failed = await runDaogou(['customers', 'clv', '--transactions', bad, '--json']);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/line 3, amount: "ten" is not a number/);
  });

  it.skipIf(!cdnow)(
    'reproduces the CDNOW calibration fit from the command line',
    async () => {
      const file = path.join(dir, 'cdnow.csv');
      const rows = readFileSync(cdnow!, 'utf8')
        .split('\n')
        .filter((l) => /^\s*\d/.test(l))
        .map((l) => {
          const [id, day, , amount] = l.trim().split(/\s+/);
          return `${id},${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6, 8)},${amount}`;
        });
      writeFileSync(file, ['customer_id,date,amount', ...rows].join('\n'));
      const run = await runDaogou([
        'customers',
        'clv',
        '--transactions',
        file,
        '--until',
        '1997-09-30',
        '--horizon-days',
        '273',
        '--json',
      ]);
      expect(run.code).toBe(0);
      const { params, model, customers } = JSON.parse(run.stdout);
      expect(customers).toHaveLength(23_570);
      // Plenty of customers: BG/NBD clearly beats the naive rate inside the window and is kept.
      expect(model.forecast.naiveWeight).toBeLessThan(1);
      // Shape parameters do not depend on the time unit; published (weeks): r 0.24–0.25, a 0.72–0.79.
      expect(params.r).toBeGreaterThan(0.2);
      expect(params.r).toBeLessThan(0.3);
      expect(params.a).toBeGreaterThan(0.6);
      expect(params.a).toBeLessThan(0.9);
      expect(params.q).toBeGreaterThan(1);
    },
    120_000,
  );
});

/** 300 customers whose purchases follow BG/NBD (seeded), with an extra quoted column the command ignores. */
function syntheticTransactions(): string {
  const purchases = simulateBgNbd(
    {
      customers: 300,
      params: { r: 0.8, alpha: 20, a: 0.9, b: 3 },
      start: Date.UTC(2024, 0, 1),
      acquisitionDays: 90,
      days: 365,
    },
    seededRandom(11),
  );
  const rows = purchases.map(
    (p) => `${p.customerId},${new Date(p.time).toISOString().slice(0, 10)},${p.amount.toFixed(2)},"x, y"`,
  );
  return ['customer_id,date,amount,note', ...rows].join('\n');
}
