import { describe, expect, it } from 'vitest';
import { SQLITE_DRIVERS, sqliteDriver, sqliteDriverFor } from './sqlite-driver.js';

describe('sqliteDriverFor', () => {
  it('keeps better-sqlite3 12 on Node 20 and takes 13 from Node 22 on', () => {
    expect(sqliteDriverFor('v20.19.0')).toBe(SQLITE_DRIVERS.legacy);
    expect(sqliteDriverFor('v22.12.0')).toBe(SQLITE_DRIVERS.current);
    expect(sqliteDriverFor('v24.21.0')).toBe(SQLITE_DRIVERS.current);
    expect(sqliteDriverFor('26.0.0')).toBe(SQLITE_DRIVERS.current);
  });

  it('opens a working database with the driver this Node.js needs', () => {
    const Database = sqliteDriver();
    const db = new Database(':memory:');
    const row = db.prepare('select sqlite_version() as v').get() as { v: string };
    db.close();
    expect(row.v).toMatch(/^3\.\d+/);
  });
});
