/** `daogou recommend`: batch recommendations from an interactions CSV, no database needed. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { batchRecommend } from '../../recommend/index.js';
import { startProgress } from '../progress.js';

/** The recommend command. */
export function recommendCommand(): Command {
  return new Command('recommend')
    .description(
      'train the default pipeline on a CSV (user_id,item_id,timestamp[,event_type,value]) and write top-k per user as JSON lines',
    )
    .requiredOption(
      '--interactions <file>',
      'CSV with a header row: user_id,item_id,timestamp and optionally event_type,value, rating, order_id',
    )
    .option('--k <n>', 'items per user', '10')
    .requiredOption('--out <file>', 'output: one {"user_id": "...", "items": [...]} line per user')
    .action(async (opts: { interactions: string; k: string; out: string }) => {
      const k = Number(opts.k);
      if (!Number.isInteger(k) || k < 1 || k > 1000)
        throw new Error(`--k must be a whole number from 1 to 1000, got "${opts.k}"`);
      await checkHeader(opts.interactions);
      const progress = startProgress('recommending', 0, 'users');
      let fitMessage = '';
      const r = await batchRecommend({
        interactionsCsvPath: opts.interactions,
        k,
        outPath: opts.out,
        onProgress: (p) => {
          if (p.stage === 'fit' && p.message) fitMessage = p.message;
          if (p.stage === 'recommend' || p.stage === 'done') progress.update(p.done ?? 0, p.total);
        },
      }).catch((error: unknown) => {
        progress.finish();
        throw asInputError(error);
      });
      progress.finish(fitMessage ? `trained (${fitMessage})` : undefined);
      if (r.choice) console.log(`validated on ${PROTOCOLS[r.choice.protocol]}: ${r.choice.reason}`);
      for (const t of r.choice?.tuning ?? []) console.log(`  ${t.component}: ${t.chosen}`);
      console.log(
        `wrote ${r.users.toLocaleString('en')} users × top ${k} to ${opts.out} (${r.interactions.toLocaleString('en')} interactions, ${r.items.toLocaleString('en')} items; validation NDCG@10 ${Number.isFinite(r.validationNdcg) ? r.validationNdcg.toFixed(4) : 'n/a'})`,
      );
    });
}

const PROTOCOLS = {
  last: "each user's last event",
  basket: "each user's newest basket",
  random: "a random 20% of each user's events",
  none: 'nothing (default weights)',
};

/** Fails early, naming the missing column, when the header lacks a required column. */
async function checkHeader(path: string): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header = '';
  try {
    for await (const line of lines) {
      header = line;
      break;
    }
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    lines.close();
  }
  const cols = header
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  for (const required of ['user_id', 'item_id', 'timestamp'])
    if (!cols.includes(required))
      throw new ValidationError([
        { field: required, message: `${path}:1: the header has no "${required}" column (found: ${cols.join(', ')})` },
      ]);
}

/** Parser errors name the file and line; report them as input errors (exit code 2). */
function asInputError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const m = /^(.*?):(\d+): (.*)$/s.exec(message);
  if (!m) return error;
  const field = /timestamp/.test(m[3]!) ? 'timestamp' : /user_id|item_id/.test(m[3]!) ? 'user_id/item_id' : 'line';
  return new ValidationError([{ field, message: `line ${m[2]}: ${m[3]}` }]);
}
