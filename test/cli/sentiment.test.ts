/** `daogou sentiment` with the built-in model: one JSON line per input line, in order; bad input refused. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { runDaogou } from '../helpers/run-cli.js';
import { testConfig } from '../helpers/test-time.js';

describe('daogou sentiment', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-sentiment-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('labels each line, keeps the order and writes a probability', async () => {
    const input = path.join(dir, 'in.txt');
    const out = path.join(dir, 'out.jsonl');
    const lines = [
      '质量非常好，物流也很快，五星好评！',
      '太差了，用了两天就坏了，退货',
      '',
      'Love it, works great and the sound is amazing.',
      'Stopped working after a week. Waste of money.',
      '房间干净，服务热情，下次还住',
      '送餐太慢了，菜都凉了，难吃',
    ];
    writeFileSync(input, `${lines.join('\n')}\n`);
    const run = await runDaogou(['sentiment', '--in', input, '--out', out]);
    expect(run.code).toBe(0);
    const results = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { label: string; score: number });
    expect(results).toHaveLength(lines.length);
    expect(results.map((r) => r.label)).toEqual([
      'positive',
      'negative',
      results[2]!.label, // an empty line still gets its line
      'positive',
      'negative',
      'positive',
      'negative',
    ]);
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.label).toBe(r.score >= 0.5 ? 'positive' : 'negative');
    }
  });

  it('adapts to the input with --adapt on, keeps every line in order, and leaves a short file alone by default', async () => {
    const input = path.join(dir, 'adapt-in.txt');
    const lines = [
      '房间干净，服务热情，下次还住',
      '隔音太差，一晚上没睡好',
      '',
      '早餐丰盛，位置方便，性价比高',
      '前台态度恶劣，再也不来了',
      '床很舒服，设施新，非常满意',
      '卫生间有异味，空调也坏了',
    ];
    writeFileSync(input, `${lines.join('\n')}\n`);
    const outOf = (name: string) => path.join(dir, name);
    const on = await runDaogou(['sentiment', '--in', input, '--out', outOf('on.jsonl'), '--adapt', 'on']);
    expect(on.code).toBe(0);
    expect(on.stderr).toMatch(/adapted: adapted to \d+ confident reviews of 6/);
    expect(labelsIn(outOf('on.jsonl'))).toHaveLength(lines.length);
    const byDefault = await runDaogou(['sentiment', '--in', input, '--out', outOf('auto.jsonl')]);
    expect(byDefault.stderr).toMatch(/not adapted: fewer than \d+ reviews/);
    const off = await runDaogou(['sentiment', '--in', input, '--out', outOf('off.jsonl'), '--adapt', 'off']);
    expect(off.stderr).not.toMatch(/adapted/);
    expect(readFileSync(outOf('auto.jsonl'), 'utf8')).toBe(readFileSync(outOf('off.jsonl'), 'utf8'));
    const bad = await runDaogou(['sentiment', '--in', input, '--out', outOf('x.jsonl'), '--adapt', 'maybe']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--adapt.*auto, on or off/);
  }, 240_000); // four CLI processes, each loading the built-in model

  it('retrains on a labelled file and scores with the new model; a bad label is refused with its line', async () => {
    const good = ['质量很好', '非常满意', '物流很快', 'great product', 'love it', '做工精细'];
    const bad = ['质量很差', '非常失望', '物流太慢', 'terrible product', 'hate it', '做工粗糙'];
    const rows = ['label,text'];
    for (const g of good) for (const h of good) if (g !== h) rows.push(`好评,${g} ${h}`);
    for (const g of bad) for (const h of bad) if (g !== h) rows.push(`差评,${g} ${h}`);
    const labelled = path.join(dir, 'labelled.csv');
    writeFileSync(labelled, `${rows.join('\n')}\n`);
    const model = path.join(dir, 'mine.dgsent');
    const train = await runDaogou(['sentiment-train', '--in', labelled, '--out', model]);
    expect(train.code).toBe(0);
    expect(train.stderr).toMatch(/trained on 60 reviews/);
    const input = path.join(dir, 'mine-in.txt');
    writeFileSync(input, '物流很快，做工精细\nhate it, terrible product\n');
    const out = path.join(dir, 'mine-out.jsonl');
    expect((await runDaogou(['sentiment', '--in', input, '--out', out, '--model', model])).code).toBe(0);
    expect(labelsIn(out)).toEqual(['positive', 'negative']);

    writeFileSync(labelled, 'label,text\n1,好\nmaybe,还行\n');
    const refused = await runDaogou(['sentiment-train', '--in', labelled, '--out', model]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/line 3: label must be/);
  }, 240_000); // three CLI processes, each training or loading a model and the jieba dictionary

  it('self-trains on unlabelled reviews with --unlabelled, and asks for --out with it', async () => {
    const good = ['质量很好', '非常满意', '物流很快', '做工精细'];
    const bad = ['质量很差', '非常失望', '物流太慢', '做工粗糙'];
    const rows = ['label,text'];
    for (const g of good) for (const h of good) if (g !== h) rows.push(`1,${g} ${h}`);
    for (const g of bad) for (const h of bad) if (g !== h) rows.push(`0,${g} ${h}`);
    const labelled = path.join(dir, 'self-labelled.csv');
    writeFileSync(labelled, `${rows.join('\n')}\n`);
    const unlabelled = path.join(dir, 'unlabelled.txt');
    // Hotel phrases the labelled reviews never had, beside phrases they did.
    const texts = good.map((g) => `房间干净，${g}`).concat(bad.map((b) => `隔音差劲，${b}`));
    writeFileSync(unlabelled, `${texts.join('\n')}\n\n`);
    const model = path.join(dir, 'self.dgsent');
    const train = await runDaogou(['sentiment-train', '--in', labelled, '--unlabelled', unlabelled, '--out', model]);
    expect(train.code).toBe(0);
    expect(train.stderr).toMatch(/trained on 24 reviews and \d+ of 8 unlabelled ones/);
    const input = path.join(dir, 'self-in.txt');
    writeFileSync(input, '房间干净\n隔音差劲\n');
    const out = path.join(dir, 'self-out.jsonl');
    expect((await runDaogou(['sentiment', '--in', input, '--out', out, '--model', model])).code).toBe(0);
    expect(labelsIn(out)).toEqual(['positive', 'negative']);

    const refused = await runDaogou(['sentiment-train', '--in', labelled, '--unlabelled', unlabelled]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--unlabelled/);
  }, 240_000);

  it("without --out trains the store's own model in its database, which then scores that store's reviews", async () => {
    // A stinky-tofu shop: "够臭" is praise there, which the built-in model does not know.
    const praise = ['够臭', '臭味很足', '闻着就上头', '臭得正宗', '够臭够味'];
    const complaint = ['一点都不臭', '不够臭', '闻着不臭', '没有臭味', '臭味太淡'];
    const tails = ['，下次还买', '，配辣椒吃', '，一家人抢着吃', '，包装严实', '，发货挺快', '，分量足'];
    const rows = ['label,text'];
    for (const tail of tails) {
      for (const p of praise) rows.push(`好评,${p}${tail}`);
      for (const c of complaint) rows.push(`negative,${c}${tail}`);
    }
    const labelled = path.join(dir, 'store-labelled.csv');
    writeFileSync(labelled, `${rows.join('\n')}\n`);
    const db = `sqlite:${path.join(dir, 'store.db')}`;
    const store = ['--database', db, '--data-dir', dir];

    const run = await runDaogou([...store, 'sentiment-train', '--in', labelled]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /trained store sentiment model \S+ on 60 reviews; on 12 held out: 1\.000 vs built-in 0\.\d{3}/,
    );
    expect(run.stderr).toMatch(/scored with it from now on/);
    const id = run.stdout.trim();

    const engine = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    try {
      const info = await engine.reviews.storeModel();
      expect(info).toMatchObject({ id, reviews: 60, active: true, heldOut: { n: 12, storeAccuracy: 1 } });
      const scorer = await engine.reviews.scorer();
      expect(scorer.probability('臭味很足，老板实在')).toBeGreaterThan(0.5);
      expect(scorer.probability('一点都不臭，不会再买')).toBeLessThan(0.5);
    } finally {
      await engine.close();
    }

    // Too few labelled reviews: refused naming the input, and the stored model stays.
    writeFileSync(labelled, 'label,text\n1,够臭\n0,不臭\n');
    const refused = await runDaogou([...store, 'sentiment-train', '--in', labelled]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/reviews.*at least 20/);
    const after = await createEngine(testConfig({ databaseUrl: db, dataDir: dir }));
    try {
      expect((await after.reviews.storeModel())?.id).toBe(id);
    } finally {
      await after.close();
    }
  }, 240_000);

  it('refuses a missing input file with a message and a non-zero exit', async () => {
    const run = await runDaogou(['sentiment', '--in', path.join(dir, 'nope.txt'), '--out', path.join(dir, 'x')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--in.*not a file/);
  });
});

/** The labels of a `daogou sentiment` output file, in order. */
function labelsIn(file: string): string[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { label: string }).label);
}
