/**
 * Retention and erasure on a large event log on PostgreSQL: the same generated events in the partitioned
 * table (migration 016) and in the single table it replaced (the pre-016 layout and indexes, the baseline),
 * then the oldest month dropped — DELETE on the single table against rollup + DETACH + DROP of the month's
 * partition — and one customer erased (DELETE of their events) on both. Each layout in its own schema of the
 * PostgreSQL at DAOGOU_BENCH_PG_URL (default the test server), dropped afterwards.
 * `npm run bench -- event-retention [--events 2000000] [--months 4] [--customers 100000]`
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql as kysql } from 'kysely';
import pg from 'pg';
import { Store } from '../src/store/store.js';
import { FLAT_EVENTS_DDL } from '../test/helpers/flat-events.js';
import { writeReport, type BenchRow } from './report.js';

const PG_URL = process.env.DAOGOU_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const T0 = Date.UTC(2026, 0, 1);
const MONTH_MS = 31 * 86_400_000;

function arg(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

// Spread over `months` months of 31 days from T0: event i at T0 + i * (months * 31 days / n).
const generate = (table: string, n: number, months: number, customers: number) => `
  insert into ${table} (id, type, customer_id, item_id, quantity, price, channel, session_id, ts, received_at, properties)
  select 'e' || i, case when i % 20 = 0 then 'purchase' when i % 5 = 0 then 'add_to_cart' else 'view' end,
    'c' || (i * 7919 % ${customers}), 'i' || (i * 104729 % 10000), 1, 10, 'web', 's' || (i / 8),
    ${T0} + i * ${Math.floor((months * MONTH_MS) / n)}, ${T0}, '{}'::jsonb
  from generate_series(1::bigint, ${n}) as i`;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
}

/** Runs the benchmark. */
export default async function eventRetention(args: string[]): Promise<void> {
  const n = arg(args, '--events', 2_000_000);
  const months = arg(args, '--months', 4);
  const customers = arg(args, '--customers', 100_000);
  const tag = randomBytes(4).toString('hex');
  const flat = `bench_flat_${tag}`;
  const part = `bench_part_${tag}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const rows: BenchRow[] = [];
  const load = os.loadavg()[0]!;
  try {
    await admin.query(`create schema ${flat}; create schema ${part}`);
    const store = await Store.open(`${PG_URL}?schema=${part}`);
    const prepared = await store.eventRetention.prepareMonths(T0, T0 + months * MONTH_MS);
    const [partLoad] = await timed(() => sql(store, generate('events', n, months, customers)));
    await sql(store, 'analyze events');
    await admin.query(`set search_path = ${flat}`);
    for (const statement of FLAT_EVENTS_DDL) await admin.query(statement);
    const [flatLoad] = await timed(() => admin.query(generate('events', n, months, customers)));
    await admin.query('analyze events');
    console.log(
      `loaded ${n.toLocaleString('en')} events over ${months} months: partitioned ${partLoad.toFixed(1)} s (${prepared.length} partitions), single table ${flatLoad.toFixed(1)} s`,
    );

    const january = Date.UTC(2026, 1, 1);
    const [flatDelete, deleted] = await timed(() => admin.query(`delete from events where ts < ${january}`));
    const [partDrop, dropped] = await timed(() => store.eventRetention.dropBefore(january));
    // February without the rollup: what DETACH + DROP cost alone.
    const february = Date.UTC(2026, 2, 1);
    const [flatDelete2, deleted2] = await timed(() => admin.query(`delete from events where ts < ${february}`));
    const [partDrop2, dropped2] = await timed(() =>
      store.adapter.eventPartitions!.dropBefore(store.db, february, () => Promise.resolve()),
    );
    rows.push(
      { operation: 'drop January', layout: 'single table: DELETE', events: deleted.rowCount, seconds: flatDelete },
      {
        operation: 'drop January',
        layout: 'partitioned: rollup + DETACH + DROP',
        events: dropped.rows,
        seconds: partDrop,
      },
      { operation: 'drop February', layout: 'single table: DELETE', events: deleted2.rowCount, seconds: flatDelete2 },
      { operation: 'drop February', layout: 'partitioned: DETACH + DROP', events: dropped2.rows, seconds: partDrop2 },
    );
    // What a DELETE leaves behind: dead rows that VACUUM must visit (a dropped partition leaves none).
    const [flatVacuum] = await timed(() => admin.query('vacuum events'));
    rows.push({ operation: 'vacuum after the drops', layout: 'single table', events: null, seconds: flatVacuum });

    const who = 'c4242';
    const [flatErase, flatErased] = await timed(() => admin.query(`delete from events where customer_id = $1`, [who]));
    const [partErase, partErased] = await timed(() => store.events.deleteForCustomer(who, []));
    rows.push(
      {
        operation: 'erase one customer',
        layout: 'single table: DELETE',
        events: flatErased.rowCount,
        seconds: flatErase,
      },
      { operation: 'erase one customer', layout: 'partitioned: DELETE', events: partErased, seconds: partErase },
    );
    // A recommendation request's read: a customer's 50 newest events (the single table by the same SQL).
    const [recentPart] = await timed(async () => {
      for (let c = 0; c < 200; c++) await store.events.recentInteractions(`c${c * 37}`, 50);
    });
    const [recentFlat] = await timed(async () => {
      for (let c = 0; c < 200; c++)
        await admin.query(
          'select seq, type, item_id, ts, quantity, rating, channel, order_id from events where customer_id = $1 order by ts desc, seq desc limit 50',
          [`c${c * 37}`],
        );
    });
    rows.push(
      { operation: "200 customers' 50 newest events", layout: 'single table', events: null, seconds: recentFlat },
      { operation: "200 customers' 50 newest events", layout: 'partitioned', events: null, seconds: recentPart },
    );
    await store.close();
  } finally {
    await admin.query(`drop schema if exists ${flat} cascade; drop schema if exists ${part} cascade`);
    await admin.end();
  }
  writeReport('event-retention', rows, {
    events: n,
    months,
    customers,
    loadAverage1m: load,
    loadAverageEnd: os.loadavg()[0],
  });
}

async function sql(store: Store, text: string): Promise<void> {
  await kysql.raw(text).execute(store.db);
}
