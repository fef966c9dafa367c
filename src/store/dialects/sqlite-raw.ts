/** Raw SQLite statements (pragmas, schema queries) and the driver module a worker thread opens. */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../database.js';

/** Runs a statement that returns nothing of interest. */
export async function run(db: Kysely<Database>, text: string): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(text));
}

/** Runs a statement and returns its rows. */
export async function rows<R>(db: Kysely<Database>, text: string): Promise<R[]> {
  return [...(await db.executeQuery<R>(CompiledQuery.raw(text))).rows];
}

/** An identifier quoted for SQL. */
export function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string literal for SQL. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The main database's file, or undefined for an in-memory or temporary database. */
export async function databaseFile(db: Kysely<Database>): Promise<string | undefined> {
  const list = await rows<{ name: string; file: string }>(db, 'pragma database_list');
  const file = list.find((d) => d.name === 'main')?.file;
  return file ? file : undefined;
}

/** The connection's automatic checkpoint threshold in pages (0: off). */
export async function autoCheckpointPages(db: Kysely<Database>): Promise<number> {
  const [row] = await rows<{ wal_autocheckpoint: number }>(db, 'pragma wal_autocheckpoint');
  return Number(row?.wal_autocheckpoint ?? 1000);
}
