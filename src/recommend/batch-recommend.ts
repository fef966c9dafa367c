/** Batch recommendations: interactions CSV in, one JSON line of top-k items per user out. */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { DefaultPipeline } from './default-pipeline.js';
import type { PipelineOptions } from './default-pipeline.js';
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
  /** CSV with header `user_id,item_id,timestamp` and optional `event_type,value` (extra columns ignored). */
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
}

/** Reads the CSV, trains the default pipeline, writes `{"user_id", "items"}` lines excluding each user's items. */
export async function batchRecommend(opts: BatchRecommendOptions): Promise<BatchRecommendResult> {
  const progress = opts.onProgress ?? (() => {});
  progress({ stage: 'read' });
  const rows = await readInteractionsCsv(opts.interactionsCsvPath);
  const log = InteractionLog.fromRows(rows);
  progress({ stage: 'fit', message: `${log.size} interactions, ${log.numUsers} users, ${log.numItems} items` });
  const pipeline = new DefaultPipeline({
    ...opts.pipeline,
    onProgress: (message) => progress({ stage: 'fit', message }),
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
  };
}

/** Streams the CSV into rows; quoted fields, BOM, extra columns and numeric or ISO timestamps are accepted. */
export async function readInteractionsCsv(path: string): Promise<InteractionRow[]> {
  const parser = createReadStream(path).pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
    }),
  );
  const rows: InteractionRow[] = [];
  let line = 1;
  for await (const rec of parser as AsyncIterable<Record<string, string | undefined>>) {
    line++;
    const userId = rec.user_id;
    const itemId = rec.item_id;
    if (!userId || !itemId) throw new Error(`${path}:${line}: user_id and item_id are required`);
    const timestamp = parseTimestamp(rec.timestamp ?? '');
    if (timestamp === null)
      throw new Error(`${path}:${line}: timestamp "${rec.timestamp}" is neither a number nor ISO 8601`);
    const value = rec.value === undefined || rec.value === '' ? undefined : Number(rec.value);
    rows.push({ userId, itemId, timestamp, eventType: rec.event_type || undefined, value });
  }
  return rows;
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
