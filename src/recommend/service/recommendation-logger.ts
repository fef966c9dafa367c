/**
 * Writes served recommendation lists to the log in the background, in batches: a write per request
 * would cost the hot path more than the ranking does. Entries are flushed within a fraction of a second.
 */
import type { RecommendationLogEntry } from '../../store/repositories/recommendation-log-repository.js';
import type { Store } from '../../store/store.js';

const FLUSH_MS = 200;
/**
 * Rows per insert. SQLite writes synchronously on the event loop, so one 500-row insert held every
 * request queued behind it for 5–20 ms (the p99 of the serving benchmark); 50-row inserts with a
 * turn of the event loop between them keep each pause under a millisecond at the same cost per row.
 */
const CHUNK = 50;
/** Entries kept while the database is slower than the request rate; beyond this, new ones are dropped. */
const MAX_PENDING = 100_000;

/** A buffered writer of recommendation log entries. */
export class RecommendationLogger {
  private pending: RecommendationLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Entries dropped because the queue was full (attribution is best effort). */
  dropped = 0;

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Queues one entry. */
  add(entry: RecommendationLogEntry): void {
    if (this.pending.length >= MAX_PENDING) {
      this.dropped++;
      return;
    }
    this.pending.push(entry);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes everything queued so far (and waits for earlier writes). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(async () => {
      for (let start = 0; start < batch.length; start += CHUNK) {
        // Requests that arrived during the previous insert are served before the next one.
        if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          const chunk = batch.slice(start, start + CHUNK);
          // On SQLite a transaction: while another connection writes (the job thread), it waits on a timer, not the
          // thread. On PostgreSQL the one insert statement is atomic alone, and a transaction around it was two more
          // round trips (begin, commit), each a wake-up of the serving thread.
          if (this.store.dialect === 'sqlite')
            await this.store.transaction((repos) => repos.recommendationLog.insertMany(chunk));
          else await this.store.recommendationLog.insertMany(chunk);
        } catch (error) {
          // Attribution is best effort: losing a batch must never fail the requests that produced it.
          this.onError(error);
        }
      }
    });
    return this.writing;
  }
}
