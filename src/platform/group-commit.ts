/**
 * Group commit for the event log: concurrent tracking calls that arrive while a write is in flight are
 * written together in one transaction (each call still gets its own result). A commit is the dearest
 * part of a small write, so under load many single-event requests share one.
 */
import type { NewEvent } from '../domain/index.js';
import type { Repositories, Store } from '../store/store.js';

interface Pending {
  events: NewEvent[];
  resolve(stored: number): void;
  reject(error: unknown): void;
}

/** Writes a group of event batches in one transaction; returns how many of each batch were new. */
export type GroupWriter = (batches: NewEvent[][], repos: Repositories) => Promise<number[]>;

/** Coalesces concurrent appends into shared transactions. */
export class GroupCommitter {
  private pending: Pending[] = [];
  private writing = false;

  constructor(
    private readonly store: Store,
    private readonly write: GroupWriter,
    private readonly maxEvents = 10_000,
  ) {}

  /** Appends a batch; resolves with how many of its events were new once the group has committed. */
  append(events: NewEvent[]): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const group = this.takeGroup();
        try {
          const counts = await this.store.transaction((repos) =>
            this.write(
              group.map((p) => p.events),
              repos,
            ),
          );
          group.forEach((p, i) => p.resolve(counts[i] ?? 0));
        } catch {
          // One failing batch must not fail its neighbours: retry each on its own to find the culprit.
          for (const p of group) {
            try {
              const [count] = await this.store.transaction((repos) => this.write([p.events], repos));
              p.resolve(count ?? 0);
            } catch (error) {
              p.reject(error);
            }
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private takeGroup(): Pending[] {
    let size = 0;
    let take = 0;
    while (take < this.pending.length && (take === 0 || size + this.pending[take]!.events.length <= this.maxEvents)) {
      size += this.pending[take]!.events.length;
      take += 1;
    }
    return this.pending.splice(0, take);
  }
}
