/**
 * The SQLite driver for the running Node.js. better-sqlite3 12 is the last line that runs on Node 20, but on
 * Node 24 its statement destructor aborts the process (`RemoveEnvironmentCleanupHook`); 13 fixes that and needs
 * Node ≥ 22. Both are installed where the runtime allows (13 as the optional `better-sqlite3-node22` alias, which
 * npm skips on Node 20 because of its engines field), and the choice is made here, once, at run time.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/** The package name of the legacy driver (Node 20) and of the current one (Node ≥ 22). */
export const SQLITE_DRIVERS = { legacy: 'better-sqlite3', current: 'better-sqlite3-node22' } as const;

/** Which driver package a Node.js version needs. */
export function sqliteDriverFor(nodeVersion: string): string {
  const major = Number(nodeVersion.replace(/^v/, '').split('.')[0]);
  return major >= 22 ? SQLITE_DRIVERS.current : SQLITE_DRIVERS.legacy;
}

/** Where the driver for this process's Node.js is installed (worker threads `require` it from there). */
export function sqliteDriverPath(): string {
  const name = sqliteDriverFor(process.version);
  try {
    return require.resolve(name);
  } catch {
    throw new Error(
      `SQLite driver ${name} is not installed for Node.js ${process.version}: run \`npm ci\` (or \`npm rebuild\`) with this Node.js so that npm installs the driver it needs`,
    );
  }
}

/** The better-sqlite3 constructor for this process's Node.js. */
export function sqliteDriver(): typeof BetterSqlite3 {
  return require(sqliteDriverPath()) as typeof BetterSqlite3;
}
