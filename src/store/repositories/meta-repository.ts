/** Small key/value settings and markers. */
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** Settings persistence. */
export class MetaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The value stored under a key, or undefined. */
  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** Stores a value under a key. */
  async set(key: string, value: string, at = Date.now()): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  }

  /**
   * Sets a key only if it still holds `expected` (undefined: absent); returns whether it did. Lets two
   * processes that both read a cursor find out that the other moved it first.
   */
  async compareAndSet(key: string, expected: string | undefined, value: string, at = Date.now()): Promise<boolean> {
    if (expected === undefined) {
      const inserted = await this.db
        .insertInto('meta')
        .values({ key, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    const updated = await this.db
      .updateTable('meta')
      .set({ value, updated_at: at })
      .where('key', '=', key)
      .where('value', '=', expected)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }
}
