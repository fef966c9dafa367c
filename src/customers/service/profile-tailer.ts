/**
 * Keeps stored profiles fresh without touching the ingestion path: reads the log after a cursor, folds
 * new events into profiles, and writes profiles, cursor and segment membership changes in one transaction.
 * Customers are split into {@link PROFILE_PARTITIONS} partitions by a stable hash of their id, each with its own
 * cursor and holes, so that several workers fold different partitions at once (one job per partition).
 */
import { IDENTIFY_EVENT_TYPE } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { CustomerEvent } from '../types.js';
import { foldEvents } from '../profile/fold-event.js';
import { CustomerEventMapper, ItemFactsCache, isProfileEvent, type KeyedTransaction } from './event-mapping.js';
import type { SegmentService } from './segment-service.js';
import { expireGaps, fillGaps, parseGaps, type SeqGap } from '../../platform/seq-gaps.js';
import { INDEXED_CUSTOMER_PARTITIONS, customerPartition } from '../../store/customer-partition.js';

/**
 * The meta key that held the last folded log position before folds were partitioned: a partition without a
 * cursor of its own starts from it (and from its holes), so an upgraded store folds on from where it was.
 */
export const PROFILE_CURSOR_KEY = 'customers.profiles.cursor';

/**
 * How many partitions customers are split into: at most this many workers fold at once. Fixed, because a
 * customer's events must stay in one partition (changing it needs a rebuild: `reset()`) and the events table is
 * indexed by it (migration 027); 8 is more workers than a store on one PostgreSQL is likely to run, and a
 * partition with nothing new costs one indexed read.
 */
export const PROFILE_PARTITIONS = INDEXED_CUSTOMER_PARTITIONS;

/** The meta key holding a partition's last folded log position. */
export function profileCursorKey(partition: number): string {
  return `${PROFILE_CURSOR_KEY}.${partition}`;
}

/** The meta key holding the holes a partition's reader read past. */
export function profileGapsKey(partition: number): string {
  return `${PROFILE_GAPS_KEY}.${partition}`;
}

/** Order ids remembered per customer: enough for lines of an order that straddle two runs. */
const RECENT_ORDERS = 50;
/** The meta key holding the holes in `seq` read past on PostgreSQL (see platform/seq-gaps.ts). */
export const PROFILE_GAPS_KEY = 'customers.profiles.gaps';
/** How long a hole may still fill (a long import commits late), and how many holes are re-read each run. */
const GAP_TTL_MS = 6 * 3_600_000;
const MAX_GAPS = 2000;

/**
 * Events read per run. A run reads, folds and writes every profile its events touch, so its cost is mostly per
 * customer (a profile is kilobytes of JSON each way): pages of 20,000 rather than 5,000 read and write an active
 * customer's profile a quarter as often, and folded 2.4–2.7× the events per second on the scale benchmark's log.
 */
const PROFILE_PAGE = 20_000;

/** What one run did. */
export interface TailResult {
  events: number;
  customers: number;
  /** The partition's cursor after the run; for a run over every partition, the lowest of them. */
  cursor: number;
  /** Whether the log may hold more events after this run. */
  more: boolean;
}

/**
 * Two runs' results as one: their events and customers add up. Runs of different partitions (`beside`) stand
 * at the lowest of their cursors and may have more if either may; a run `after` another stands where it ended.
 */
export function addResults(total: TailResult, run: TailResult, how: 'beside' | 'after'): TailResult {
  return {
    events: total.events + run.events,
    customers: total.customers + run.customers,
    cursor: how === 'beside' ? Math.min(total.cursor, run.cursor) : run.cursor,
    more: how === 'beside' ? total.more || run.more : run.more,
  };
}

/** Where a partition's fold stands: its stored cursor text (absent: never folded) and position, and its holes. */
interface PartitionState {
  raw: string | undefined;
  from: number;
  gaps: SeqGap[];
}

/** The profile tailer. */
export class ProfileTailer {
  constructor(
    private readonly store: Store,
    private readonly segments: SegmentService,
    private readonly clock: Clock,
  ) {}

  /** The log position up to which every partition has folded (the lowest partition cursor). */
  async cursor(): Promise<number> {
    let lowest = Infinity;
    for (let p = 0; p < PROFILE_PARTITIONS; p++) lowest = Math.min(lowest, (await this.state(p, false)).from);
    return lowest;
  }

  /** Whether stored profiles have folded every event in the log so far. */
  async caughtUp(): Promise<boolean> {
    for (let p = 0; p < PROFILE_PARTITIONS; p++) {
      const { from } = await this.state(p, false);
      const next = await this.store.events.scanEntries(from, 1, { partition: { index: p, count: PROFILE_PARTITIONS } });
      if (next.length > 0) return false;
    }
    return true;
  }

  /**
   * Folds up to `limit` events of one partition after its cursor (and any that have filled holes read past
   * earlier); without a partition, one such page of every partition in turn (a single process folding alone).
   */
  async runOnce(limit = PROFILE_PAGE, partition?: number): Promise<TailResult> {
    if (partition !== undefined) return this.foldPartition(partition, limit);
    let total: TailResult = { events: 0, customers: 0, cursor: Infinity, more: false };
    for (let p = 0; p < PROFILE_PARTITIONS; p++)
      total = addResults(total, await this.foldPartition(p, limit), 'beside');
    return total;
  }

  /** Runs until the log is caught up (or `maxRuns` pages, per partition); returns the totals. */
  async catchUp(limit = PROFILE_PAGE, maxRuns = Infinity): Promise<TailResult> {
    let total: TailResult = { events: 0, customers: 0, cursor: await this.cursor(), more: true };
    for (let run = 0; run < maxRuns && total.more; run++) total = addResults(total, await this.runOnce(limit), 'after');
    return total;
  }

  /** Forgets every profile and the cursors, so the next runs rebuild profiles from the whole log. */
  async reset(): Promise<void> {
    await this.store.transaction(async (repos) => {
      const now = this.clock();
      await repos.profiles.deleteAll();
      await repos.meta.set(PROFILE_CURSOR_KEY, '0', now);
      await repos.meta.set(PROFILE_GAPS_KEY, '[]', now);
      for (let p = 0; p < PROFILE_PARTITIONS; p++) {
        await repos.meta.set(profileCursorKey(p), '0', now);
        await repos.meta.set(profileGapsKey(p), '[]', now);
      }
    });
  }

  /** A partition's cursor and holes; one never folded starts from the cursor and holes of the unpartitioned fold. */
  private async state(partition: number, withGaps: boolean): Promise<PartitionState> {
    const raw = await this.store.meta.get(profileCursorKey(partition));
    const start = raw ?? (await this.store.meta.get(PROFILE_CURSOR_KEY));
    if (!withGaps) return { raw, from: Number(start ?? 0), gaps: [] };
    const gapsKey = raw === undefined ? PROFILE_GAPS_KEY : profileGapsKey(partition);
    return { raw, from: Number(start ?? 0), gaps: parseGaps(await this.store.meta.get(gapsKey)) };
  }

  private async foldPartition(partition: number, limit: number): Promise<TailResult> {
    if (!Number.isInteger(partition) || partition < 0 || partition >= PROFILE_PARTITIONS)
      throw new Error(`no profile partition ${partition} (0 to ${PROFILE_PARTITIONS - 1})`);
    const mine = { index: partition, count: PROFILE_PARTITIONS };
    const now = this.clock();
    // Only where positions can commit out of order can a hole read past fill in later.
    const tracksGaps = this.store.commitsOutOfOrder;
    const { raw, from, gaps: stored } = await this.state(partition, tracksGaps);
    const openGaps = tracksGaps ? stored : [];
    // The partition's read and the holes it read past must see the same moment: an event of this partition
    // committed between the two would be neither read nor a hole, and never folded.
    const { filling, fresh, cursor, holes } = await this.store.snapshotReads(async ({ events }) => {
      // A hole filled by any event is closed; only this partition's customers' events are folded here.
      const filling = openGaps.length > 0 ? await events.bySeqRanges(openGaps.map(([a, b]) => [a, b])) : [];
      const fresh = await events.scanEntries(from, limit, { partition: mine });
      const cursor = fresh[fresh.length - 1]?.seq ?? from;
      // This read sees only its partition's positions: the holes are the positions between that hold no event.
      return { filling, fresh, cursor, holes: tracksGaps ? await events.seqHoles(from, cursor) : [] };
    });
    const late = filling.filter(
      (e) => e.customerId && customerPartition(e.customerId, PROFILE_PARTITIONS) === partition,
    );
    const skipped: SeqGap[] = holes.map(([a, b]) => [a, b, now]);
    const filled = fillGaps(openGaps, new Set(filling.map((e) => e.seq)));
    const gaps = tracksGaps ? expireGaps([...filled, ...skipped], now, GAP_TTL_MS, MAX_GAPS) : [];
    const gapsChanged = JSON.stringify(gaps) !== JSON.stringify(stored) || (tracksGaps && raw === undefined);
    const page = [...late, ...fresh];
    if (page.length === 0 && !gapsChanged) return { events: 0, customers: 0, cursor: from, more: false };
    const items = new ItemFactsCache(this.store);
    await items.ensure(page);
    // A merge moved earlier anonymous events (already behind the cursor) to the customer: rebuild those.
    const rebuild = new Set(
      page.filter((e) => e.type === IDENTIFY_EVENT_TYPE && e.customerId).map((e) => e.customerId!),
    );
    const incremental = page.filter((e) => isProfileEvent(e) && !rebuild.has(e.customerId!));
    const changed = new Set([...incremental.map((e) => e.customerId!), ...rebuild]);
    const storedProfiles = await this.store.profiles.getMany<CustomerProfile>([...changed]);
    const profiles = new Map<string, { profile: CustomerProfile | null; orders: string[] }>();
    for (const id of changed) {
      const s = rebuild.has(id) ? undefined : storedProfiles.get(id);
      profiles.set(id, { profile: s?.profile ?? null, orders: s?.recentOrders ?? [] });
    }
    for (const id of rebuild) {
      // A customer's events are all in their partition, so those up to this partition's cursor are folded.
      const history = (await this.store.events.allForCustomer(id)).filter((e) => e.seq <= cursor);
      await items.ensure(history);
      foldAll(profiles.get(id)!, new CustomerEventMapper(items).map(history));
    }
    // One fold per customer per page (its events in log order), not one per event.
    const byCustomer = new Map<string, CustomerEvent[]>();
    for (const e of new CustomerEventMapper(items).map(incremental)) {
      const list = byCustomer.get(e.customerId);
      if (list) list.push(e);
      else byCustomer.set(e.customerId, [e]);
    }
    for (const [id, events] of byCustomer) foldAll(profiles.get(id)!, events);

    const folded = new Map<string, CustomerProfile>();
    const won = await this.store.transaction(async (repos) => {
      // Another run of this partition that read the same cursor and wrote first wins (a worker taken for dead
      // that was only slow, or two started by hand): this run's work is dropped, so each event is folded once.
      if (!(await repos.meta.compareAndSet(profileCursorKey(partition), raw, String(cursor), now))) return false;
      if (gapsChanged) await repos.meta.set(profileGapsKey(partition), JSON.stringify(gaps), now);
      // A customer erased while this page was being folded has no record any more: do not bring them back.
      const live = await repos.customers.getMany([...profiles.keys()]);
      for (const [id, p] of profiles) if (p.profile && live.has(id)) folded.set(id, p.profile);
      await repos.profiles.upsertMany(
        [...folded].map(([customerId, profile]) => ({
          customerId,
          profile,
          recentOrders: profiles.get(customerId)!.orders,
          updatedAt: now,
        })),
      );
      await this.segments.refreshCustomers(repos, [...folded.keys()], folded);
      return true;
    });
    if (!won) return { events: 0, customers: 0, cursor: (await this.state(partition, false)).from, more: false };
    return { events: page.length, customers: folded.size, cursor, more: fresh.length === limit };
  }
}

/**
 * Folds one customer's events into a profile state; a later line of an order already counted adds lines, not
 * an order. Which purchases repeat an order is decided in event order against the remembered order ids, as
 * folding one event at a time did; their order and channel counts are taken back after the one fold.
 */
function foldAll(state: { profile: CustomerProfile | null; orders: string[] }, events: readonly CustomerEvent[]) {
  const repeats: (string | undefined)[] = [];
  for (const e of events) {
    if (e.kind !== 'purchase') continue;
    const key = (e as KeyedTransaction).orderKey;
    if (state.orders.includes(key)) {
      repeats.push(e.channel);
      continue;
    }
    state.orders.push(key);
    if (state.orders.length > RECENT_ORDERS) state.orders.shift();
  }
  if (events.length === 0) return;
  const p = (state.profile = foldEvents(state.profile, events));
  for (const channel of repeats) {
    p.orders -= 1;
    if (channel) p.channels[channel] = (p.channels[channel] ?? 1) - 1;
  }
}
