/** Erasure bookkeeping: the registry of erased ids (salted hashes) and row deletion by a subject's ids. */
import { sql, type Kysely } from 'kysely';
import { chunked } from '../codec.js';
import type { Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';

/** Erasure persistence. */
export class ErasureRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter?: DialectAdapter,
  ) {}

  /** Records hashes of erased ids (already recorded ones are kept). */
  async register(hashes: readonly string[], at: number): Promise<void> {
    for (const chunk of chunked(hashes, 500)) {
      await this.db
        .insertInto('erased_subjects')
        .values(chunk.map((h) => ({ id_hash: h, erased_at: at })))
        .onConflict((oc) => oc.column('id_hash').doNothing())
        .execute();
    }
  }

  /** Which of these hashes are registered. */
  async registered(hashes: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    if (hashes.length === 0) return out;
    if (this.adapter?.erasedHashesAmong) {
      for (const hash of await this.adapter.erasedHashesAmong(this.db, hashes)) out.add(hash);
      return out;
    }
    for (const chunk of chunked(hashes, 500)) {
      const rows = await this.db
        .selectFrom('erased_subjects')
        .select('id_hash')
        .where('id_hash', 'in', chunk)
        .execute();
      for (const r of rows) out.add(r.id_hash);
    }
    return out;
  }

  /**
   * Deletes the rows of any table whose `column` holds one of `values`: how tables registered for erasure
   * by name (including ones added by later capabilities) are cleaned without a repository method each.
   */
  async deleteWhereIn(table: string, column: string, values: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const chunk of chunked(values, 500)) {
      const r = await sql`delete from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)})`.execute(
        this.db,
      );
      deleted += Number(r.numAffectedRows ?? 0);
    }
    return deleted;
  }
}
