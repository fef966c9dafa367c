/** The one way a pending row (a draft or a suggestion) is decided: once, and only while it is still pending. */
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';

/** The tables whose rows wait for a merchant's decision. */
export type DecidableTable = 'attribute_suggestions' | 'content_drafts' | 'price_suggestions';

/**
 * Marks a pending row accepted or rejected at `at`; false when it is not pending (decided already, superseded or
 * unknown). The status test is in the UPDATE itself, so two concurrent decisions cannot both win.
 */
export async function decidePending(
  db: Kysely<Database>,
  table: DecidableTable,
  id: string,
  status: 'accepted' | 'rejected',
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ status, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
