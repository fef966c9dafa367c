/** `daogou forecast` on history files the test writes: output shape, frequencies, bad input. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou forecast', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-forecast-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('forecasts weekly and monthly series past their own ends, with interval columns', async () => {
    const lines = ['series_id,period,value'];
    for (let w = 0; w < 30; w++) {
      const day = new Date(Date.UTC(2024, 0, 1) + w * 7 * 86_400_000).toISOString().slice(0, 10);
      lines.push(`sku-1,${day},${10 + (w % 3)}`);
    }
    for (let m = 0; m < 36; m++) {
      const month = `${2021 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      lines.push(`"store, north",${month},${100 + 20 * Math.sin((m / 12) * 2 * Math.PI) + m}`);
    }
    const out = path.join(dir, 'out.csv');
    const run = await runDaogou([
      'forecast',
      '--history',
      file('h.csv', lines.join('\n')),
      '--horizon',
      '3',
      '--out',
      out,
    ]);
    expect(run.stderr).toContain('forecast 2 series 3 periods ahead');
    expect(run.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('series_id,period,value,lower_80,upper_80,lower_95,upper_95');
    expect(rows.slice(1).map((r) => r.replace(/(,[^,]*){5}$/, ''))).toEqual([
      'sku-1,2024-07-29',
      'sku-1,2024-08-05',
      'sku-1,2024-08-12',
      '"store, north",2024-01',
      '"store, north",2024-02',
      '"store, north",2024-03',
    ]);
    const first = rows[1]!.split(',').map(Number);
    expect(first[2]).toBeGreaterThan(9);
    expect(first[2]).toBeLessThan(13);
    expect(first[3]!).toBeLessThanOrEqual(first[2]!);
    expect(first[6]!).toBeGreaterThanOrEqual(first[4]!);
  });

  it('names the line and problem of bad input and exits non-zero', async () => {
    const bad = file('bad.csv', 'series_id,period,value\na,2024-01-01,1\na,2024-13-01,2\n');
    const run = await runDaogou(['forecast', '--history', bad, '--horizon', '2', '--out', path.join(dir, 'x.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 3');
    expect(run.stderr).toContain('2024-13-01');
    const gaps = file('gaps.csv', 'series_id,period,value\na,2024-01,1\na,2024-02,2\na,2024-04,2\n');
    const gapRun = await runDaogou(['forecast', '--history', gaps, '--horizon', '2', '--out', path.join(dir, 'y.csv')]);
    expect(gapRun.code).toBe(2);
    expect(gapRun.stderr).toContain('not equally spaced');
    const header = file('header.csv', 'id,when,qty\na,2024-01,1\n');
    const headerRun = await runDaogou([
      'forecast',
      '--history',
      header,
      '--horizon',
      '2',
      '--out',
      path.join(dir, 'z.csv'),
    ]);
    expect(headerRun.stderr).toContain('missing series_id, period, value');
    const horizon = await runDaogou([
      'forecast',
      '--history',
      gaps,
      '--horizon',
      '0',
      '--out',
      path.join(dir, 'w.csv'),
    ]);
    expect(horizon.stderr).toContain('--horizon');
  });
});

describe('daogou forecast with promotions', () => {
  it('reads a promotions file and rejects a bad one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-promo-'));
    try {
      const lines = ['series_id,period,value'];
      for (let d = 0; d < 60; d++)
        lines.push(`a,${new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)},${5 + (d % 7)}`);
      writeFileSync(path.join(dir, 'h.csv'), lines.join('\n'));
      writeFileSync(
        path.join(dir, 'p.csv'),
        'name,start,end\nsale,2024-01-10,2024-01-12\nsale,2024-03-02,2024-03-02\n',
      );
      writeFileSync(path.join(dir, 'bad.csv'), 'name,start,end\nsale,2024-01,2024-01-12\n');
      const args = [
        'forecast',
        '--history',
        path.join(dir, 'h.csv'),
        '--horizon',
        '3',
        '--out',
        path.join(dir, 'o.csv'),
      ];
      expect((await runDaogou([...args, '--promotions', path.join(dir, 'p.csv')])).code).toBe(0);
      const bad = await runDaogou([...args, '--promotions', path.join(dir, 'bad.csv')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('line 2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('daogou pricing', () => {
  it('runs on an empty store, lists nothing, and names an unknown suggestion or bad flag', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-pricing-'));
    try {
      const db = ['--database', `sqlite:${path.join(dir, 'd.db')}`];
      const run = await runDaogou([...db, 'pricing', 'run']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('0 suggestions for 0 items');
      expect((await runDaogou([...db, 'pricing', 'list'])).stderr).toContain('0 pending suggestions');
      const missing = await runDaogou([...db, 'pricing', 'accept', 'nope']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('price suggestion nope not found');
      const bad = await runDaogou([...db, 'pricing', 'run', '--max-change', '3']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--max-change');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('daogou forecast --from-store', () => {
  it("forecasts the store's purchases at the frequency asked, and names a bad frequency or a missing file flag", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-forecast-store-'));
    try {
      const db = ['--database', `sqlite:${path.join(dir, 'd.db')}`];
      const monthly = await runDaogou([...db, 'forecast', '--from-store', '--frequency', 'month']);
      expect(monthly.code).toBe(0);
      expect(monthly.stdout).toContain('forecast 0 series (0 items) from 1 months of purchases');
      const bad = await runDaogou([...db, 'forecast', '--from-store', '--frequency', 'hour']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--frequency');
      const noFile = await runDaogou([...db, 'forecast', '--horizon', '3']);
      expect(noFile.code).toBe(2);
      expect(noFile.stderr).toContain('--history');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('daogou inventory', () => {
  it('lists the stored stock flags most at risk first, filters by flag, and names a bad flag', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-inventory-'));
    try {
      const url = `sqlite:${path.join(dir, 'd.db')}`;
      const store = await Store.open(url);
      const inventory = (risk: string, stock: number, daysOfCover: number | null) => ({
        risk,
        stock,
        reorderPoint: 40,
        safetyStock: 12,
        leadTimeDemand: 28,
        daysOfCover,
        stockoutRisk: risk === 'stockout' ? 0.97 : 0.01,
        suggestedOrder: risk === 'stockout' ? 68 : 0,
        leadTimeDays: 14,
        previousRisk: null,
      });
      const row = (key: string, label: string, rank: number, body: object) => ({
        key,
        level: 'item',
        label,
        frequency: 'week',
        riskRank: rank,
        body: { inventory: body },
        computedAt: Date.UTC(2026, 11, 1),
      });
      await store.transaction((r) =>
        r.forecasts.replaceAll([
          row('item:tray', 'Tray', 3, inventory('overstock', 9000, null)),
          row('item:kettle', 'Kettle', 0, inventory('stockout', 0, 0)),
        ]),
      );
      await store.close();
      const db = ['--database', url];
      const all = await runDaogou([...db, 'inventory']);
      expect(all.code).toBe(0);
      const lines = all.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^stockout +item:kettle +Kettle +stock 0 +cover 0 d .*order 68 +stock-out risk 97%$/);
      expect(lines[1]).toMatch(/^overstock +item:tray +Tray +stock 9000 +cover ∞ d/);
      expect(all.stderr).toContain('2 of 2 items with tracked stock');
      const over = await runDaogou([...db, 'inventory', '--risk', 'overstock', '--json']);
      expect(
        over.stdout
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { key: string }).key),
      ).toEqual(['item:tray']);
      const bad = await runDaogou([...db, 'inventory', '--risk', 'soon']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--risk');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
