/** Tracking: validates, resolves identities and appends events to the log, a whole batch or nothing. */
import {
  ValidationError,
  conflictingIdIssues,
  eventRuleIssues,
  normaliseEvent,
  type EventInput,
  type FieldIssue,
  type NewEvent,
} from '../domain/index.js';
import type { Repositories, Store } from '../store/store.js';
import type { Clock } from './clock.js';
import { GroupCommitter } from './group-commit.js';

/** What a tracking call did. */
export interface TrackResult {
  received: number;
  /** Newly stored. */
  stored: number;
  /** Skipped because their id was already stored. */
  duplicates: number;
  /** The id of each event, in request order (generated where none was sent). */
  ids: string[];
}

/** Options for one tracking call. */
export interface TrackOptions {
  /** Reject events naming items not in the catalogue (defaults to the configured mode). */
  strict?: boolean;
  /**
   * The caller has already checked {@link eventRuleIssues} (and strict items, if asked) for every event, with
   * a clock no later than this call's: the importer does so per line, and checking again cost it ~5% of its time.
   */
  prechecked?: boolean;
  /**
   * The moment to check and stamp the events with, instead of this service's clock: the API's ingest thread
   * tracks with the serving engine's clock, which cannot cross threads.
   */
  now?: number;
}

/** Listeners told about newly appended events (profiles, live recommendations). */
export type EventListener = (events: readonly NewEvent[]) => void;

/** Listeners told only how many events were appended (metrics): they hear about batches the ingest thread wrote too. */
export type CountListener = (count: number) => void;

/**
 * How many customer ids a service remembers as stored (about 45 bytes each: 45 MB when full). When full it keeps
 * those it has; the others are inserted with `on conflict do nothing` each time, as before.
 */
const KNOWN_CUSTOMERS_MAX = 1_000_000;

/** The tracking service. */
export class EventService {
  private readonly listeners: EventListener[] = [];
  private readonly counters: CountListener[] = [];
  private readonly committer: GroupCommitter<NewEvent[], number>;
  /**
   * Customers this service's own committed batches created or found stored. Every batch inserted a bare row for
   * each of its customers with `on conflict do nothing`: one probe of `customers` per event, ~15% of PostgreSQL's
   * CPU per ingested event, and the API's sort and encoding of ~1,000 ids per batch, for customers that almost
   * always exist already. A remembered id is skipped. Only erasure deletes a customer, and an erased id is refused
   * before any event naming it is tracked, so a remembered id never needs its row made again.
   */
  private readonly knownCustomers = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly settings: { strictItems: boolean; maxFutureSeconds: number },
  ) {
    this.committer = new GroupCommitter(store, (batches, repos) => writeBatches(batches, repos, this.knownCustomers), {
      sizeOf: (events) => events.length,
    });
  }

  /** Registers a listener for appended events. */
  onAppend(listener: EventListener): void {
    this.listeners.push(listener);
  }

  /** Registers a listener for the number of appended events. */
  onCount(listener: CountListener): void {
    this.counters.push(listener);
  }

  /** Whether a listener needs the appended events themselves (then a batch is tracked on this thread). */
  get hasEventListeners(): boolean {
    return this.listeners.length > 0;
  }

  /** Tells the count listeners about events another thread's service appended (the API's ingest thread). */
  counted(count: number): void {
    for (const counter of this.counters) counter(count);
  }

  /**
   * Tells the listeners about events appended without {@link track} (the bulk importer writes rows);
   * `build` makes the event objects only when someone listens, so a CLI import pays nothing for it.
   */
  announce(build: () => readonly NewEvent[]): void {
    if (this.listeners.length === 0 && this.counters.length === 0) return;
    const events = build();
    for (const listener of this.listeners) listener(events);
    this.counted(events.length);
  }

  /** Checks rules beyond the schema for each event; issues carry the event's index. */
  async ruleIssues(inputs: readonly EventInput[], options: TrackOptions, repos: Repositories): Promise<FieldIssue[]> {
    const now = options.now ?? this.clock();
    const limits = { now, maxFutureMs: this.settings.maxFutureSeconds * 1000 };
    const issues: FieldIssue[] = [];
    inputs.forEach((event, index) => {
      for (const issue of eventRuleIssues(event, limits)) issues.push({ ...issue, index });
    });
    issues.push(...conflictingIdIssues(inputs));
    if (options.strict ?? this.settings.strictItems) {
      const ids = inputs.flatMap((e) => (e.itemId === undefined ? [] : [e.itemId]));
      const known = await repos.items.existingIds(ids);
      inputs.forEach((event, index) => {
        if (event.itemId !== undefined && !known.has(event.itemId)) {
          issues.push({ index, field: 'itemId', message: `unknown item "${event.itemId}" (strict mode)` });
        }
      });
    }
    return issues;
  }

  /**
   * Forgets that a customer is stored (their row was erased). Not needed for correctness, since an erased id is
   * refused before tracking, but it keeps the memory exact within the process that erased them.
   */
  forgetCustomer(customerId: string): void {
    this.knownCustomers.delete(customerId);
  }

  /** Remembers the customers of committed events as stored (their rows were made or found in that transaction). */
  private rememberCustomers(events: readonly NewEvent[]): void {
    for (const e of events) {
      if (this.knownCustomers.size >= KNOWN_CUSTOMERS_MAX) return;
      if (e.customerId !== null) this.knownCustomers.add(e.customerId);
    }
  }

  /** Validates and stores events in one transaction; any invalid event means nothing is stored. */
  async track(inputs: readonly EventInput[], options: TrackOptions = {}, repos?: Repositories): Promise<TrackResult> {
    if (!options.prechecked) {
      const issues = await this.ruleIssues(inputs, options, repos ?? this.store);
      if (issues.length > 0) throw new ValidationError(issues);
    }
    const now = options.now ?? this.clock();
    const events = inputs.map((e) => normaliseEvent(e, now));
    let stored: number;
    if (repos) stored = (await writeBatches([events], repos, this.knownCustomers))[0]!;
    else {
      stored = await this.committer.append(events);
      // Committed now (a caller's transaction, above, may still roll back, so its customers are not remembered).
      this.rememberCustomers(events);
    }
    for (const listener of this.listeners) listener(events);
    this.counted(events.length);
    return { received: events.length, stored, duplicates: events.length - stored, ids: events.map((e) => e.id) };
  }
}

/**
 * Resolves identities, creates customers first seen (but not those in `known`, stored already), and appends each
 * batch; returns each batch's new-event count.
 */
async function writeBatches(batches: NewEvent[][], repos: Repositories, known: ReadonlySet<string>): Promise<number[]> {
  const all = batches.flat();
  await resolveIdentities(all, repos);
  const firstSeen = firstSeenCustomers(all);
  for (const id of firstSeen.keys()) if (known.has(id)) firstSeen.delete(id);
  await repos.customers.ensureExist(firstSeen, all[0]?.receivedAt ?? 0); // no events: no customers to create
  const counts: number[] = [];
  for (const batch of batches) counts.push(await repos.events.insertMany(batch));
  return counts;
}

/** Fills in the customer of events sent with only an anonymous id that has been merged. */
export async function resolveIdentities(events: NewEvent[], repos: Repositories): Promise<void> {
  const anonymous = events.filter((e) => e.customerId === null && e.anonymousId !== null);
  if (anonymous.length === 0) return;
  const links = await repos.identities.resolve(anonymous.map((e) => e.anonymousId!));
  for (const e of anonymous) e.customerId = links.get(e.anonymousId!) ?? null;
}

/** The earliest event time of each customer in a batch. */
export function firstSeenCustomers(events: readonly NewEvent[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const e of events) {
    if (e.customerId === null) continue;
    const seen = first.get(e.customerId);
    if (seen === undefined || e.timestamp < seen) first.set(e.customerId, e.timestamp);
  }
  return first;
}
