/**
 * Scale-out (issue 22): a partial index on the positions of review events, so the review scorer
 * (`ReviewService.catchUp`) reads the reviews after its cursor instead of every event. Reviews are a small share of
 * a store's events, so the index costs an insert nothing for the rest; on a 40M-event log the scorer's first run
 * read every row through the worker's main lane for half an hour, holding the first training back.
 * A plain column predicate, so SQLite's other tools (the sqlite3 shell, `pragma integrity_check`) read it too.
 */
import { sql, type Kysely } from 'kysely';

/** The index's name. */
export const REVIEW_INDEX = 'events_reviews';

/** Creates events_reviews on (seq) for review events. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists ${sql.id(REVIEW_INDEX)} on events (seq) where type = 'review'`.execute(db);
}
