/**
 * Writes served recommendation lists to the log in the background, in batches: a write per request
 * would cost the hot path more than the ranking does. Entries are flushed within a second.
 */
import type { RecommendationLogEntry } from '../../store/repositories/recommendation-log-repository.js';
import type { Store } from '../../store/store.js';

const FLUSH_MS = 1000;
const FLUSH_AT = 500;

/** A buffered writer of recommendation log entries. */
export class RecommendationLogger {
  private pending: RecommendationLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Queues one entry. */
  add(entry: RecommendationLogEntry): void {
    this.pending.push(entry);
    if (this.pending.length >= FLUSH_AT) void this.flush();
    else if (!this.timer) {
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
      if (batch.length === 0) return;
      try {
        await this.store.recommendationLog.insertMany(batch);
      } catch (error) {
        // Attribution is best effort: losing a batch must never fail the requests that produced it.
        this.onError(error);
      }
    });
    return this.writing;
  }
}
