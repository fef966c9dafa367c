/**
 * Product search over the store's catalogue. The index lives in memory in each process that serves
 * search: loaded from the newest snapshot (or built from the items table), kept fresh at once by the
 * item service's change events in this process, and by polling the items table about once a second
 * for changes made by other processes. Snapshots written by the refresh and reindex jobs carry learned
 * priors, synonyms and the semantic model to every process.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { EventService } from '../../platform/event-service.js';
import type { ItemChangeListener } from '../../platform/item-service.js';
import type { ReviewSignals } from '../../platform/review-signals.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import type { Store } from '../../store/store.js';
import { autocomplete } from '../autocomplete.js';
import type { MerchandisingRule } from '../ranking/merchandising.js';
import type { SynonymRule } from '../query/synonyms.js';
import { AffinityCache } from './customer-affinities.js';
import { documentView, type IndexedDocument, type SearchItemView } from './item-document.js';
import { LiveIndex } from './live-index.js';
import { searchStats, type SearchStatsReport } from './search-analytics.js';
import { SearchEventBuffer, searchEvent, type SearchLogContext } from './search-log.js';
import { toLibraryQuery, toSearchResult, type SearchRequest, type SearchResult } from './search-request.js';
import { decodeSnapshot, encodeSnapshot } from './search-snapshot.js';
import { DAY_MS } from '../../domain/index.js';

/** How far behind the high-water mark polling looks again, for writes committed after a later one. */
const CATCH_UP_LAG_MS = 5_000;
/** Settings are re-read every this many polls, snapshots checked every this many. */
const SETTINGS_EVERY = 5;
const SNAPSHOT_EVERY = 10;
/** Days of search log behind autocomplete suggestions. */
const SUGGEST_DAYS = 90;

/** Timing of the service. */
export interface SearchServiceOptions {
  /** Poll interval for changes made by other processes, ms (default 1000; 0 disables polling). */
  pollMs?: number;
}

/** Autocomplete answer. */
export interface AutocompleteAnswer {
  queries: { query: string; count: number }[];
  items: { id: string; title: string; highlight: string | null; item: SearchItemView }[];
}

/** Search over the catalogue, kept up to date. */
export class SearchService implements ItemChangeListener {
  private live: LiveIndex | null = null;
  private loading: Promise<LiveIndex> | null = null;
  private pending: ({ items: readonly ItemRecord[] } | { deleted: string })[] = [];
  private snapshotId: string | null = null;
  private settingsKey = '';
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private syncing: Promise<void> | null = null;
  private stopped = false;
  private readonly logs: SearchEventBuffer;
  private readonly affinities: AffinityCache;
  private reviewSignals: ReviewSignals | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly events: EventService,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.affinities = new AffinityCache(store, clock);
    this.logs = new SearchEventBuffer(events);
  }

  /** Item service listener: changed items are searchable at once. */
  itemsChanged(items: readonly ItemRecord[]): void {
    if (this.live) this.live.applyItems(items);
    else if (this.loading) this.pending.push({ items });
  }

  /** Item service listener: a deleted item disappears at once. */
  itemDeleted(id: string): void {
    if (this.live) this.live.removeItem(id);
    else if (this.loading) this.pending.push({ deleted: id });
  }

  /** The live index, loading it on first use. */
  ready(): Promise<LiveIndex> {
    if (this.live) return Promise.resolve(this.live);
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** Whether the index is loaded (readiness, tests). */
  get loaded(): boolean {
    return this.live !== null;
  }

  /** Turns on review signals as a ranking feature (opt-in: `DAOGOU_REVIEW_RANKING`). */
  useReviewSignals(signals: ReviewSignals | null): void {
    this.reviewSignals = signals;
  }

  /** Runs a search. */
  async search(req: SearchRequest): Promise<SearchResult> {
    const live = await this.ready();
    const personal = req.customerId === undefined ? null : await this.affinities.get(req.customerId);
    live.engine.setReviewFactors(this.reviewSignals ? (await this.reviewSignals.factors()).byItem : null);
    const response = live.engine.search(toLibraryQuery(req, personal ?? undefined));
    // Queries are not fed to the suggester here: each new one would make the next autocomplete re-sort the
    // whole list. The refresh job rebuilds suggestions from the log.
    return toSearchResult(req, response);
  }

  /** Query and item suggestions for partially typed input. */
  async autocomplete(q: string, options: { queries?: number; items?: number } = {}): Promise<AutocompleteAnswer> {
    const live = await this.ready();
    const r = autocomplete(live.engine, live.suggester, q, {
      queries: options.queries ?? 5,
      items: options.items ?? 5,
    });
    return {
      queries: r.queries,
      items: r.items.map((h) => ({
        id: h.id,
        title: h.document.title,
        highlight: h.highlight?.html ?? null,
        item: documentView(h.document as IndexedDocument),
      })),
    };
  }

  /** Appends the search to the event log in the background, batched with others (errors go to `onError`). */
  log(req: SearchRequest, result: SearchResult, context: SearchLogContext, onError: (e: unknown) => void): void {
    const event = searchEvent(req, result, context);
    if (!event) return;
    // Stamped now: the batch is written up to a fraction of a second later.
    event.timestamp = this.clock();
    this.logs.add(event, onError);
  }

  /** Writes the searches waiting to be logged and waits for them (tests, shutdown). */
  async flushLogs(): Promise<void> {
    await this.logs.flush();
  }

  /** Query analytics over the last `days` days: top and zero-result queries, click-through. */
  async stats(days = 30, limit = 20): Promise<SearchStatsReport> {
    const since = this.clock() - days * DAY_MS;
    const [searches, engagements] = await Promise.all([
      this.store.search.searchEvents(since),
      this.store.search.engagements(since),
    ]);
    return searchStats(searches, engagements, since, limit);
  }

  /** Configured synonyms. */
  synonyms(): Promise<SynonymRule[]> {
    return this.store.search.synonyms<SynonymRule>();
  }

  /** Replaces the configured synonyms; effective at once here, within seconds elsewhere. */
  async setSynonyms(rules: SynonymRule[]): Promise<SynonymRule[]> {
    await this.store.transaction((repos) => repos.search.replaceSynonyms(rules, this.clock()));
    await this.reloadSettings();
    return rules;
  }

  /** Merchandising rules with their ids. */
  async rules(): Promise<(MerchandisingRule & { id: string })[]> {
    return (await this.store.search.rules<MerchandisingRule>()).map((r) => ({ ...r.rule, id: r.id }));
  }

  /** Adds a merchandising rule. */
  async addRule(rule: MerchandisingRule): Promise<MerchandisingRule & { id: string }> {
    const id = `rule-${randomUUID().slice(0, 12)}`;
    await this.store.transaction((repos) =>
      repos.search.addRule({ id, query: rule.query, rule, createdAt: this.clock() }),
    );
    await this.reloadSettings();
    return { ...rule, id };
  }

  /** Deletes a rule; false when absent. */
  async deleteRule(id: string): Promise<boolean> {
    const deleted = await this.store.transaction((repos) => repos.search.deleteRule(id));
    if (deleted) await this.reloadSettings();
    return deleted;
  }

  /** Rebuilds the index from the items table (keeping learned data), swaps it in and saves a snapshot. */
  async rebuild(onProgress?: (done: number) => void): Promise<{ documents: number; items: number }> {
    const previous = await this.ready();
    const next = new LiveIndex(undefined, previous.suggester);
    next.priors = previous.priors;
    next.learned = previous.learned;
    await this.fill(next, onProgress);
    await this.applySettings(next, true);
    const semantic = previous.engine.semanticModel !== null;
    if (semantic) next.engine.trainSemantic();
    // Changes that arrived while building are caught up before the swap.
    await this.catchUp(next);
    this.live = next;
    await this.saveSnapshot();
    return { documents: next.engine.size, items: next.known.size };
  }

  /** Saves the live index as the newest snapshot. */
  async saveSnapshot(): Promise<string> {
    const live = await this.ready();
    const id = `snap-${this.clock()}-${randomUUID().slice(0, 8)}`;
    const data = encodeSnapshot(live.toSnapshot());
    await this.store.search.saveSnapshot({
      id,
      data,
      itemHighWater: live.highWater,
      documents: live.engine.size,
      createdAt: this.clock(),
    });
    this.snapshotId = id;
    return id;
  }

  /**
   * One catch-up step: items changed elsewhere, settings, newer snapshots. A call during a step in flight
   * waits for it and runs its own, since that step's read may predate the caller's write.
   */
  async sync(): Promise<void> {
    while (this.syncing) await this.syncing.catch(() => undefined);
    const live = this.live;
    if (!live || this.stopped) return;
    this.syncing = this.step(live).finally(() => (this.syncing = null));
    await this.syncing;
  }

  private async step(live: LiveIndex): Promise<void> {
    this.ticks++;
    if (this.ticks % SNAPSHOT_EVERY === 0 && (await this.adoptNewerSnapshot())) return;
    if (this.ticks % SETTINGS_EVERY === 0) await this.applySettings(live, false);
    await this.catchUp(live);
  }

  /** Stops polling (also when the index is still loading: no timer is started afterwards). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Drops a customer's cached affinities (after erasure). */
  forgetCustomer(customerId: string): void {
    this.affinities.forget(customerId);
  }

  private async load(): Promise<LiveIndex> {
    let live: LiveIndex | null = null;
    const snapshot = await this.store.search.latestSnapshot();
    if (snapshot) {
      try {
        live = await LiveIndex.fromSnapshotAsync(decodeSnapshot(snapshot.data));
        this.snapshotId = snapshot.id;
      } catch {
        // A snapshot is derived data: an unreadable one is rebuilt from the catalogue.
        live = null;
      }
    }
    if (!live) {
      live = new LiveIndex();
      await this.fill(live);
      // Without a snapshot, suggestions come from the log until the first refresh.
      const since = this.clock() - SUGGEST_DAYS * DAY_MS;
      for (const s of await this.store.search.searchEvents(since)) {
        if (s.properties.results !== 0) live.suggester.record(s.query);
      }
    }
    await this.applySettings(live, true);
    await this.catchUp(live);
    for (const p of this.pending) {
      if ('items' in p) live.applyItems(p.items);
      else live.removeItem(p.deleted);
    }
    this.pending = [];
    this.live = live;
    this.loading = null;
    const pollMs = this.options.pollMs ?? 1000;
    if (pollMs > 0 && !this.timer && !this.stopped) {
      // A poll that finds the previous one still running skips its turn rather than queueing behind it.
      this.timer = setInterval(() => void (this.syncing ? undefined : this.sync().catch(() => undefined)), pollMs);
      this.timer.unref();
    }
    return live;
  }

  private async fill(live: LiveIndex, onProgress?: (done: number) => void): Promise<void> {
    live.syncedAt = this.clock();
    let batch: ItemRecord[] = [];
    let done = 0;
    for await (const item of this.store.items.all()) {
      batch.push(item);
      if (batch.length === 2000) {
        done += live.applyItems(batch);
        batch = [];
        onProgress?.(done);
      }
    }
    done += live.applyItems(batch);
    onProgress?.(done);
  }

  private async reloadSettings(): Promise<void> {
    if (this.live) await this.applySettings(this.live, true);
  }

  private async applySettings(live: LiveIndex, force: boolean): Promise<void> {
    const [synonyms, rules] = await Promise.all([this.synonyms(), this.store.search.rules<MerchandisingRule>()]);
    const key = JSON.stringify([synonyms, rules]);
    if (!force && key === this.settingsKey) return;
    this.settingsKey = key;
    live.setSettings(
      synonyms,
      rules.map((r) => r.rule),
    );
  }

  /** Folds in items changed since the high-water mark; reconciles every id when the counts disagree (deletions). */
  private async catchUp(live: LiveIndex): Promise<void> {
    // A write that commits after a read started carries an updated_at no earlier than that start less the lag,
    // so the window closes once writes stop: what the previous poll could not see has updated_at ≥ its start
    // less the lag. (Looking back from the high-water mark instead re-read, every second for as long as the
    // catalogue stayed quiet, the last batch of an import — all stamped with that mark: 5,000 rows, 15 ms of
    // the serving thread.) A loaded snapshot has not polled yet: it looks back from its high-water mark.
    const startedAt = this.clock();
    const since = live.syncedAt > 0 ? live.syncedAt - CATCH_UP_LAG_MS : live.highWater - CATCH_UP_LAG_MS;
    const changed = await this.store.items.changedSince(since);
    await this.fetchAndApply(live, changed);
    live.syncedAt = startedAt;
    if ((await this.store.items.count()) === live.known.size) return;
    const all = await this.store.items.changedSince();
    const ids = new Set(all.map((r) => r.id));
    for (const id of [...live.known.keys()]) if (!ids.has(id)) live.removeItem(id);
    await this.fetchAndApply(live, all);
  }

  private async fetchAndApply(live: LiveIndex, rows: readonly { id: string; updatedAt: number }[]): Promise<void> {
    const stale = rows.filter((r) => (live.known.get(r.id) ?? -1) < r.updatedAt).map((r) => r.id);
    if (stale.length === 0) return;
    const records = await this.store.items.getMany(stale);
    live.applyItems(records.values());
  }

  /** Loads a snapshot another process saved (a refresh or reindex), then catches up; true when it did. */
  private async adoptNewerSnapshot(): Promise<boolean> {
    const latest = await this.store.search.latestSnapshotId();
    if (!latest || latest.id === this.snapshotId) return false;
    const snapshot = await this.store.search.latestSnapshot();
    if (!snapshot) return false;
    // Rebuilt in slices: this process keeps serving from the current index meanwhile.
    const next = await LiveIndex.fromSnapshotAsync(decodeSnapshot(snapshot.data));
    await this.applySettings(next, true);
    await this.catchUp(next);
    this.snapshotId = snapshot.id;
    this.live = next;
    return true;
  }
}
