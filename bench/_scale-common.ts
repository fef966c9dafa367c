/** Pieces the scale benchmarks share: process CPU and memory from /proc, and the ingested events. */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';

/** The event types of generated and ingested events, weighted as a store sees them. */
export const SCALE_TYPES = [
  'view',
  'view',
  'view',
  'view',
  'view',
  'click',
  'click',
  'add_to_cart',
  'wishlist',
  'purchase',
];

/** RSS and peak RSS of a process, MiB (Linux /proc). */
export function memory(pid: number | undefined): { rss: number; peak: number } {
  if (pid === undefined) return { rss: Number.NaN, peak: Number.NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms); NaN once gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** A maker of ingest batches: events of customers c1…cN and items i1…iM at `now`, ids unique per prefix. */
export function scaleBatchMaker(now: number, customers: number, items: number) {
  return (prefix: string, size: number): Record<string, unknown>[] =>
    Array.from({ length: size }, (_, i) => {
      let n = i * 104_729;
      for (let c = 0; c < prefix.length; c++) n = (n * 31 + prefix.charCodeAt(c)) >>> 0;
      const type = SCALE_TYPES[i % SCALE_TYPES.length]!;
      return {
        id: `a-${prefix}-${i}`,
        type,
        customerId: `c${1 + (n % customers)}`,
        itemId: `i${1 + ((n * 31 + i) % items)}`,
        channel: 'web',
        timestamp: now,
        ...(type === 'purchase' ? { quantity: 1, price: 20, orderId: `ao-${prefix}-${i}` } : {}),
      };
    });
}

/** A fresh schema on the benchmark's PostgreSQL with a data folder, two open clients, and its teardown. */
export interface BenchSchema {
  schema: string;
  /** DAOGOU_DATABASE_URL for processes and engines on this schema. */
  databaseUrl: string;
  dataDir: string;
  /** A client on the server (no search path). */
  admin: pg.Client;
  /** A client whose search path is the schema. */
  client: pg.Client;
  /** Closes both clients, drops the schema (unless `keep`) and removes the data folder. */
  drop(keep?: boolean): Promise<void>;
}

/**
 * Creates `schema` on the PostgreSQL at `pgUrl` (it must not exist) with a temporary data folder;
 * `applicationName` tags the processes' connections so a benchmark can find their backends.
 */
export async function createBenchSchema(
  pgUrl: string,
  schema: string,
  options: { applicationName?: string } = {},
): Promise<BenchSchema> {
  const app = options.applicationName === undefined ? '' : `&application_name=${options.applicationName}`;
  const databaseUrl = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}schema=${schema}${app}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `${schema.replaceAll('_', '-')}-`));
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const client = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    schema,
    databaseUrl,
    dataDir,
    admin,
    client,
    async drop(keep = false) {
      await client.end();
      if (!keep) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Turns the profile columns back into jsonb, as they were before migration 026. */
export const PROFILES_AS_JSONB = `alter table customer_profiles
  alter column profile type jsonb using profile::jsonb, alter column recent_orders type jsonb using recent_orders::jsonb`;

/**
 * Puts a fresh schema back as it was before migration 026 (jsonb profiles, 026 not recorded), so that a build
 * from before it (`--root`) opens it: a build refuses a schema with a migration it does not know.
 */
export async function undoProfilesAsText(client: pg.Client): Promise<void> {
  await client.query(PROFILES_AS_JSONB);
  await client.query(`delete from kysely_migration where name = '026-profiles-as-text'`);
}

/** Turns the profile columns into text, as migration 026 does. */
export const PROFILES_AS_TEXT = `alter table customer_profiles
  alter column profile type text using profile::text, alter column recent_orders type text using recent_orders::text`;
