/**
 * The events table as migrations 001–015 and 017 left it on PostgreSQL, before 016 partitioned it: one table,
 * a bigserial key, a unique id and five indexes. The migration test starts from it; the retention benchmark
 * measures it as the baseline.
 */
export const FLAT_EVENTS_DDL = [
  `create table events (seq bigserial primary key, id text not null unique, type text not null, customer_id text,
    anonymous_id text, item_id text, quantity integer, price double precision, revenue double precision, currency text,
    order_id text, query text, rating double precision, review text, channel text not null, session_id text,
    recommendation_id text, ts bigint not null, received_at bigint not null, properties jsonb not null default '{}'::jsonb)`,
  `create index events_customer_ts on events (customer_id, ts)`,
  `create index events_anonymous on events (anonymous_id) where anonymous_id is not null`,
  `create index events_ts on events (ts)`,
  `create index events_search_ts on events (ts) where type = 'search'`,
  `create index events_item_ts on events (item_id, ts)`,
];
