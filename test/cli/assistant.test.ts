/** `daogou assistant`: FAQ from files, retraining from an examples file, one-shot chat, clear errors. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou assistant', () => {
  let dir: string;
  let db: string[];
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-cli-assistant-'));
    db = ['--database', `sqlite:${path.join(dir, 'daogou.db')}`, '--data-dir', dir];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the FAQ and answers from it', async () => {
    const faq = file(
      'policies.md',
      '# 退货政策\n签收后7天内可无理由退货。\n\n# Shipping\nOrders over ¥99 ship free.\n',
    );
    const loaded = await runDaogou([...db, 'assistant', 'faq', '--file', faq]);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('2 passages');
    const chat = await runDaogou([...db, 'assistant', 'chat', '--json', '可以退货吗']);
    expect(chat.code, chat.stderr).toBe(0);
    const answer = JSON.parse(chat.stdout.trim().split('\n').pop()!) as { intent: string; reply: string };
    expect(answer.intent).toBe('returns');
    expect(answer.reply).toContain('7天内可无理由退货');
  });

  it('retrains on an examples file and names what is wrong with a bad one', async () => {
    const bad = file('bad.csv', 'text,intent\n积分怎么用,payment\n积分能兑换吗,loyalty\n');
    const refused = await runDaogou([...db, 'assistant', 'train', '--examples', bad]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('bad.csv[1].intent');
    const noColumn = await runDaogou([
      ...db,
      'assistant',
      'train',
      '--examples',
      file('cols.csv', 'utterance,label\nx,find\n'),
    ]);
    expect(noColumn.code).not.toBe(0);
    expect(noColumn.stderr).toContain('no "text" column');
    const missing = await runDaogou([...db, 'assistant', 'train', '--examples', path.join(dir, 'nope.csv')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('file not found');

    const good = file(
      'examples.jsonl',
      ['积分怎么用', '积分可以抵现吗', '积分能兑换礼品吗', '我的积分有什么用']
        .map((text) => JSON.stringify({ text, intent: 'payment' }))
        .join('\n'),
    );
    const trained = await runDaogou([...db, 'assistant', 'train', '--examples', good]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/aim-/);
    const chat = await runDaogou([...db, 'assistant', 'chat', '--json', '积分可以兑换什么']);
    expect(JSON.parse(chat.stdout.trim().split('\n').pop()!)).toMatchObject({ intent: 'payment' });
  });

  it('refuses a bad locale and an unknown FAQ format', async () => {
    const locale = await runDaogou([...db, 'assistant', 'chat', '--locale', 'fr', 'hello']);
    expect(locale.code).not.toBe(0);
    expect(locale.stderr).toContain('--locale');
    const format = await runDaogou([...db, 'assistant', 'faq', '--file', file('faq.txt', 'x')]);
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain('.md');
  });
});
