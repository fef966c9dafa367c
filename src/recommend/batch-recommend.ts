/** Batch recommendations: interactions CSV in, one JSON line of top-k items per user out. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readCsvTable } from '../datasets/index.js';
import { DefaultPipeline } from './default-pipeline.js';
import type { BlendChoice, PipelineOptions } from './default-pipeline.js';
import { storePipelineOptions } from './pipeline-options.js';
import { InteractionLog } from './interaction-log.js';
import type { InteractionRow } from './interaction-log.js';

/** Progress of a batch run. */
export interface BatchProgress {
  stage: 'read' | 'fit' | 'recommend' | 'done';
  message?: string;
  done?: number;
  total?: number;
}

/** Arguments of {@link batchRecommend}. */
export interface BatchRecommendOptions {
  /**
   * CSV with header `user_id,item_id,timestamp` and optional `event_type,value`, `rating` (a rating event
   * with that value) and `order_id` (lines of one order are one basket); extra columns are ignored.
   */
  interactionsCsvPath: string;
  k: number;
  outPath: string;
  onProgress?: (p: BatchProgress) => void;
  /** Passed to the pipeline (e.g. `validation: 'none'` to skip weight search). */
  pipeline?: PipelineOptions;
}

/** Counts written by a run. */
export interface BatchRecommendResult {
  users: number;
  items: number;
  interactions: number;
  /** Validation NDCG@10 of the chosen blend (NaN when not validated). */
  validationNdcg: number;
  /** How the blend was chosen: protocol, reason, hyperparameters. */
  choice: BlendChoice | null;
}

/** Reads the CSV, trains the default pipeline, writes `{"user_id", "items"}` lines excluding each user's items. */
export async function batchRecommend(opts: BatchRecommendOptions): Promise<BatchRecommendResult> {
  const progress = opts.onProgress ?? (() => {});
  progress({ stage: 'read' });
  const rows = await readInteractionsCsv(opts.interactionsCsvPath);
  const log = InteractionLog.fromRows(rows);
  progress({ stage: 'fit', message: `${log.size} interactions, ${log.numUsers} users, ${log.numItems} items` });
  // The service's options (pipeline-options.ts), so a CSV and a store with the same log get the same lists.
  const pipeline = new DefaultPipeline({
    ...storePipelineOptions(log, undefined, (message) => progress({ stage: 'fit', message })),
    ...opts.pipeline,
  });
  pipeline.fit(log);
  const out = createWriteStream(opts.outPath, { encoding: 'utf8' });
  const every = Math.max(1, Math.floor(log.numUsers / 100));
  for (let u = 0; u < log.numUsers; u++) {
    const recs = pipeline.recommend(log.history(u), opts.k);
    const line = JSON.stringify({ user_id: log.userIds[u], items: recs.map((r) => log.itemIds[r.item]) }) + '\n';
    if (!out.write(line)) await once(out, 'drain');
    if (u % every === 0) progress({ stage: 'recommend', done: u, total: log.numUsers });
  }
  out.end();
  await once(out, 'finish');
  progress({ stage: 'done', done: log.numUsers, total: log.numUsers });
  return {
    users: log.numUsers,
    items: log.numItems,
    interactions: log.size,
    validationNdcg: pipeline.validationNdcg,
    choice: pipeline.choice,
  };
}

/** Streams the CSV into rows; quoted fields, BOM, extra columns and numeric or ISO timestamps are accepted. */
export async function readInteractionsCsv(path: string): Promise<InteractionRow[]> {
  const table = readCsvTable(path, ['user_id', 'item_id'], {
    optional: ['timestamp', 'event_type', 'value', 'rating', 'order_id'],
    ignoreCase: true,
  });
  const rows: InteractionRow[] = [];
  for await (const rec of table) {
    if ('error' in rec) throw new Error(`${path}:${rec.line}: ${rec.error}`);
    const { line } = rec;
    const userId = rec.cell('user_id');
    const itemId = rec.cell('item_id');
    if (!userId || !itemId) throw new Error(`${path}:${line}: user_id and item_id are required`);
    const timestamp = parseTimestamp(rec.cell('timestamp'));
    if (timestamp === null)
      throw new Error(`${path}:${line}: timestamp "${rec.cell('timestamp')}" is neither a number nor ISO 8601`);
    const ratingText = rec.cell('rating');
    const rating = ratingText === '' ? undefined : Number(ratingText);
    if (rating !== undefined && !Number.isFinite(rating))
      throw new Error(`${path}:${line}: rating "${ratingText}" is not a number`);
    const valueText = rec.cell('value');
    const value = valueText === '' ? rating : Number(valueText);
    const eventType = rec.cell('event_type') || (rating !== undefined ? 'rating' : undefined);
    const orderId = rec.cell('order_id') || undefined;
    rows.push({ userId, itemId, timestamp, eventType, value, ...(orderId ? { orderId } : {}) });
  }
  return basketTimes(rows);
}

/**
 * Lines of one order are one basket: each takes the time of the order's first line, so the order of
 * lines within a basket is never read as a sequence (and the log's shape counts them as tied).
 */
export function basketTimes(rows: InteractionRow[]): InteractionRow[] {
  const first = new Map<string, number>();
  for (const r of rows) {
    if (r.orderId === undefined) continue;
    const key = `${r.userId}\u0000${r.orderId}`;
    const t = first.get(key);
    if (t === undefined || r.timestamp < t) first.set(key, r.timestamp);
  }
  if (first.size === 0) return rows;
  return rows.map((r) =>
    r.orderId === undefined ? r : { ...r, timestamp: first.get(`${r.userId}\u0000${r.orderId}`)! },
  );
}

/** Seconds since the epoch from Unix seconds, Unix milliseconds or an ISO 8601 string; null when invalid. */
export function parseTimestamp(s: string): number | null {
  if (s === '') return 0;
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    // Anything past year 33658 in seconds is surely milliseconds.
    return Math.abs(n) > 1e12 ? n / 1000 : n;
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t / 1000;
}
