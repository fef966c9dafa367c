/**
 * Keeps the event log's storage in shape (issue 22): the month partitions of the coming months made ahead of
 * the first event that needs them (PostgreSQL), and raw events older than the retention period dropped with
 * their daily aggregates kept. Runs as a job on a worker, never on a thread serving requests.
 */
import { DAY_MS } from '../domain/index.js';
import type { RetentionResult } from '../store/repositories/event-retention-repository.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** How many months after the current one get their partition ahead of time. */
export const MONTHS_AHEAD = 3;

/** What one round of upkeep did. */
export interface EventUpkeepResult {
  /** Month partitions created (PostgreSQL). */
  created: string[];
  /** What retention dropped; null when retention is off (0 days). */
  pruned: RetentionResult | null;
}

/** Partitions ahead and retention of raw events. */
export class EventRetentionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly settings: { eventRetentionDays: number },
  ) {}

  /** The configured retention in days; 0 keeps raw events forever. */
  get retentionDays(): number {
    return this.settings.eventRetentionDays;
  }

  /** Creates the partitions of last month, this month and the next {@link MONTHS_AHEAD} (PostgreSQL). */
  prepare(): Promise<string[]> {
    const now = this.clock();
    return this.store.eventRetention.prepareMonths(now - 31 * DAY_MS, now + MONTHS_AHEAD * 31 * DAY_MS);
  }

  /** Drops raw events older than `days` (default: the configured retention); null when that is 0 (keep all). */
  async prune(days = this.settings.eventRetentionDays): Promise<RetentionResult | null> {
    if (!(days > 0)) return null;
    return this.store.eventRetention.dropBefore(this.clock() - days * DAY_MS);
  }

  /** One round: partitions ahead, then retention. */
  async upkeep(): Promise<EventUpkeepResult> {
    const created = await this.prepare();
    return { created, pruned: await this.prune() };
  }
}
