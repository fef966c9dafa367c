import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clvFromTransactionsCsv, TransactionsCsvError } from './clv-command.js';
import { simulateBgNbd } from './clv/simulate-bg-nbd.js';
import { seededRandom } from '../math/random.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-clv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCsv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const purchases = simulateBgNbd(
  {
    customers: 400,
    params: { r: 0.8, alpha: 20, a: 0.9, b: 3 },
    start: Date.UTC(2024, 0, 1),
    acquisitionDays: 60,
    days: 300,
  },
  seededRandom(5),
);
const lines = purchases.map(
  (p, i) => `"${p.customerId}",${new Date(p.time).toISOString().slice(0, 10)},${p.amount.toFixed(2)},"web, app ${i}"`,
);
const file = writeCsv('tx.csv', `customer_id,date,amount,note\n${lines.join('\n')}\n`);

describe('clvFromTransactionsCsv', () => {
  it('fits on the whole file and returns parameters and per-customer predictions', async () => {
    const out = await clvFromTransactionsCsv({ path: file });
    expect(out.model.purchases).toBe('bg-nbd');
    for (const v of Object.values(out.params)) expect(v).toBeGreaterThan(0);
    expect(out.customers).toHaveLength(400);
    // Which forecast expected purchases come from, validated inside the fitting period, is part of the result.
    const f = out.model.forecast;
    expect(f.validation!.origins).toHaveLength(2);
    expect(f.validation!.scores.map((s) => s.candidate)).toContain(f.chosen);
    expect(f.naiveWeight).toBeGreaterThanOrEqual(0);
    expect(f.reason).toMatch(/^validated on 2 holdouts of \d+ days/);
    const sf = out.model.spendForecast;
    expect(['own mean order value', '50% Gamma-Gamma + 50% own mean', 'Gamma-Gamma']).toContain(sf.chosen);
    expect(sf.reason).toMatch(/validated/);
    const first = out.customers[0]!;
    expect(first.predicted_clv).toBeGreaterThanOrEqual(out.customers[1]!.predicted_clv);
    for (const c of out.customers) {
      expect(c.p_alive).toBeGreaterThanOrEqual(0);
      expect(c.p_alive).toBeLessThanOrEqual(1);
      expect(c.expected_purchases).toBeGreaterThanOrEqual(0);
    }
  });

  it('uses only purchases up to --until and a shorter horizon predicts less', async () => {
    const until = '2024-02-15';
    const long = await clvFromTransactionsCsv({ path: file, until, horizonDays: 365 });
    const short = await clvFromTransactionsCsv({ path: file, until, horizonDays: 30 });
    expect(long.model.until).toBe(until);
    const firstDays = new Set(purchases.filter((p) => p.time < Date.UTC(2024, 1, 16)).map((p) => p.customerId));
    expect(long.customers).toHaveLength(firstDays.size);
    const sum = (o: typeof long) => o.customers.reduce((s, c) => s + c.expected_purchases, 0);
    expect(sum(short)).toBeLessThan(sum(long));
  });

  it('names the line and column of bad input', async () => {
    const bad = writeCsv('bad.csv', 'customer_id,date,amount\na,2024-01-01,10\nb,2024-13-01,5\n');
    await expect(clvFromTransactionsCsv({ path: bad })).rejects.toThrow(/line 3, date/);
    const missing = writeCsv('missing.csv', 'customer_id,day,amount\na,2024-01-01,10\n');
    await expect(clvFromTransactionsCsv({ path: missing })).rejects.toBeInstanceOf(TransactionsCsvError);
  });

  it('reports a ModelFitError when nobody repeats', async () => {
    const once = writeCsv(
      'once.csv',
      'customer_id,date,amount\n' + Array.from({ length: 30 }, (_, i) => `c${i},2024-01-0${(i % 9) + 1},10`).join('\n'),
    );
    await expect(clvFromTransactionsCsv({ path: once })).rejects.toThrow(/no repeat purchases|nbd/);
  });
});
