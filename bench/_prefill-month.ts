/**
 * Fills the month partition that ingested events land in to a given size before a benchmark ingests: the full
 * store's month holds ~10M rows, and index maintenance there (the random inserts into `(customer_id, ts)`,
 * `(item_id, ts)` and `event_ids`) costs more than in the few thousand rows a fresh schema starts with.
 */
import type pg from 'pg';
import { SCALE_TYPES } from './_scale-common.js';

/** The month partition of `now` (events_pYYYYMM) and its range [from, to). */
function monthOf(now: number): { name: string; from: number; to: number } {
  const d = new Date(now);
  const from = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const to = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return { name: `events_p${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`, from, to };
}

/**
 * Replaces the (empty) month partition of `now` with one holding `rows` events (customers c1…c1,000,000 and items
 * i1…i100,000 drawn by a hash of the row number, times spread from the month's start to an hour before `now`)
 * and claims their ids in `event_ids`, on `client` (search path: a migrated schema). The table is filled without
 * indexes and then attached, which builds every index of the partitioned table on it, as the scale benchmark's
 * bulk load does: minutes for 10M rows, much less than inserting them one statement at a time.
 */
export async function prefillMonth(client: pg.Client, rows: number, now: number): Promise<void> {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`--prefill: ${rows} is not a positive integer`);
  const { name, from, to } = monthOf(now);
  const step = Math.max(1, Math.floor((now - 3_600_000 - from) / rows));
  if (from + rows * step >= to) throw new Error(`--prefill: ${rows} rows do not fit in ${name}`);
  const types = `array[${SCALE_TYPES.map((t) => `'${t}'`).join(',')}]`;
  await client.query(`set maintenance_work_mem = '1GB'`);
  await client.query(`alter table events detach partition ${name}`);
  await client.query(`drop table ${name}`);
  await client.query(`create table ${name} (like events including defaults)`);
  await client.query(`insert into ${name} (id, type, customer_id, item_id, channel, ts, received_at, properties)
    select 'prefill-' || g, (${types})[1 + g % ${SCALE_TYPES.length}],
      'c' || (1 + (hashint4(g) & 2147483647) % 1000000), 'i' || (1 + (hashint4(-g) & 2147483647) % 100000), 'web',
      ${from} + g::bigint * ${step}, ${from} + g::bigint * ${step}, '{}'
    from generate_series(1, ${rows}) g`);
  await client.query(`insert into event_ids (id, ts) select id, ts from ${name}`);
  // The range as a constraint first, so ATTACH need not scan the rows to prove it.
  await client.query(`alter table ${name} add constraint ${name}_range check (ts >= ${from} and ts < ${to})`);
  await client.query(`alter table events attach partition ${name} for values from (${from}) to (${to})`);
  await client.query(`vacuum analyze ${name}`);
  await client.query(`vacuum analyze event_ids`);
  await client.query(`reset maintenance_work_mem`);
}
