/**
 * Group commit: concurrent writes (an event-log append, an assistant turn) that arrive together are written
 * in one transaction, each caller still getting its own result once the group has committed. A commit is the
 * dearest part of a small write, so under load many single-request writes share one.
 */
import type { Repositories, Store } from '../store/store.js';

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/** Writes a group of items in one transaction; returns each item's result, in order. */
export type GroupWriter<T, R> = (items: T[], repos: Repositories) => Promise<R[]>;

/** How groups are formed. */
export interface GroupCommitOptions<T> {
  /** Most units in one group (a single larger item still goes alone); default 10,000. */
  maxSize?: number;
  /** An item's size in those units (default 1). */
  sizeOf?: (item: T) => number;
  /**
   * Wait for the end of this turn of the event loop (setImmediate) before writing, so that the requests read
   * in the same poll join the group. Without it a write starts at once and only what arrives while it is in
   * flight waits for the next group — on SQLite, which answers synchronously, that is nothing.
   */
  gather?: boolean;
}

/** Coalesces concurrent writes into shared transactions. */
export class GroupCommitter<T, R> {
  private pending: Pending<T, R>[] = [];
  private writing: Promise<void> | null = null;
  private readonly maxSize: number;
  private readonly sizeOf: (item: T) => number;

  constructor(
    private readonly store: Store,
    private readonly write: GroupWriter<T, R>,
    private readonly options: GroupCommitOptions<T> = {},
  ) {
    this.maxSize = options.maxSize ?? 10_000;
    this.sizeOf = options.sizeOf ?? (() => 1);
  }

  /** Queues an item; resolves with its result once its group has committed. */
  append(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.writing) return;
      this.writing = this.options.gather
        ? new Promise<void>((done) => setImmediate(done)).then(() => this.drain())
        : this.drain();
    });
  }

  /** Waits for every queued and in-flight write (before the store closes). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const group = this.takeGroup();
        try {
          const results = await this.store.transaction((repos) =>
            this.write(
              group.map((p) => p.item),
              repos,
            ),
          );
          group.forEach((p, i) => p.resolve(results[i]!));
        } catch {
          // One failing item must not fail its neighbours: retry each on its own to find the culprit.
          for (const p of group) {
            try {
              const [result] = await this.store.transaction((repos) => this.write([p.item], repos));
              p.resolve(result!);
            } catch (error) {
              p.reject(error);
            }
          }
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private takeGroup(): Pending<T, R>[] {
    let size = 0;
    let take = 0;
    while (take < this.pending.length && (take === 0 || size + this.sizeOf(this.pending[take]!.item) <= this.maxSize)) {
      size += this.sizeOf(this.pending[take]!.item);
      take += 1;
    }
    return this.pending.splice(0, take);
  }
}
