/**
 * The batch analytics run: reads purchases and behaviour from the log, runs analyseCustomers (RFM, CLV,
 * churn, clusters), replaces the stored scores, records the run, and re-evaluates every segment.
 */
import type { Clock } from '../../platform/clock.js';
import type { Channel } from '../../domain/index.js';
import type { CustomerModelRecord, CustomerScoreRecord } from '../../store/repositories/customer-score-repository.js';
import type { LogEntry } from '../../store/repositories/event-repository.js';
import type { PurchaseRollup } from '../../store/repositories/event-retention-repository.js';
import type { Store } from '../../store/store.js';
import { analyseCustomers, type CustomerAnalytics } from '../customer-analytics.js';
import type { CustomerProfile } from '../profile/customer-profile.js';
import type { CustomerEvent } from '../types.js';
import { CustomerEventMapper, ItemFactsCache, PROFILE_EVENT_TYPES } from './event-mapping.js';
import type { ProfileTailer } from './profile-tailer.js';
import { loadAllProfiles, subjectsOf } from './segment-subjects.js';
import type { MembershipChange, SegmentService } from './segment-service.js';

/** Options of one run. */
export interface AnalyseOptions {
  /** Analyse the data as of this time (epoch ms); default the latest event, capped at now. */
  asOf?: number;
  /** CLV horizon in days (default 365). */
  horizonDays?: number;
  /** Churn horizon in days (default 90). */
  churnHorizonDays?: number;
  /** Reports progress (0..1) and a message. */
  onProgress?: (fraction: number, message: string) => Promise<void> | void;
}

/** What a run did. */
export interface AnalyseSummary {
  runId: string;
  asOf: number;
  customers: number;
  events: number;
  notes: string[];
  clusters: number;
  segments: MembershipChange[];
  seconds: number;
}

const PAGE = 20_000;

/** The analytics service. */
export class AnalyticsService {
  constructor(
    private readonly store: Store,
    private readonly tailer: ProfileTailer,
    private readonly segments: SegmentService,
    private readonly clock: Clock,
  ) {}

  /** Runs the batch now. */
  async run(options: AnalyseOptions = {}): Promise<AnalyseSummary> {
    const started = Date.now();
    const report = async (fraction: number, message: string) => options.onProgress?.(fraction, message);
    // Segments join scores with stored profiles, so bring the profiles up to date first.
    await report(0, 'folding new events into profiles');
    await this.tailer.catchUp();
    const { events, latest, read } = await this.readLog(report);
    const asOf = options.asOf ?? Math.min(latest, this.clock());
    const input = options.asOf === undefined ? events : events.filter((e) => e.time <= asOf);
    await report(0.5, `analysing ${input.length.toLocaleString('en')} customer events`);
    const result = analyseCustomers(input, {
      now: Number.isFinite(asOf) ? asOf : this.clock(),
      clusters: true,
      ...(options.horizonDays !== undefined ? { horizonDays: options.horizonDays } : {}),
      ...(options.churnHorizonDays !== undefined ? { churnHorizonDays: options.churnHorizonDays } : {}),
    });
    await report(0.85, 'writing scores and re-evaluating segments');
    const computedAt = this.clock();
    const scores = scoreRecords(result, computedAt);
    // Read the stored profiles before the write transaction (on SQLite a transaction holds the only
    // connection, so API requests wait for it); inside it, only profiles the tailer wrote since are re-read.
    const snapshotAt = this.clock();
    const profiles = await loadAllProfiles(this.store);
    const { run, changes } = await this.store.transaction(async (repos) => {
      await repos.customerScores.replaceAll(scores);
      const run = await repos.customerScores.insertModel(modelRecord(result, options, computedAt));
      for (const p of await repos.profiles.updatedSince<CustomerProfile>(snapshotAt))
        profiles.set(p.customerId, p.profile);
      // A customer erased since the snapshot must not be put back into a segment.
      const live = new Set(await repos.profiles.ids());
      for (const id of profiles.keys()) if (!live.has(id)) profiles.delete(id);
      const byId = new Map(scores.map((s) => [s.customerId, s]));
      return { run, changes: await this.segments.refreshAll(repos, subjectsOf(profiles, byId)) };
    });
    await report(1, 'done');
    return {
      runId: run.id,
      asOf: result.now,
      customers: result.profiles.size,
      events: read,
      notes: result.notes,
      clusters: result.clusters?.k ?? 0,
      segments: changes,
      seconds: (Date.now() - started) / 1000,
    };
  }

  /** The latest run, if any. */
  latestRun(): Promise<CustomerModelRecord | undefined> {
    return this.store.customerScores.latestModel();
  }

  private async readLog(report: (fraction: number, message: string) => Promise<void>) {
    const items = new ItemFactsCache(this.store);
    await items.preloadAll();
    const mapper = new CustomerEventMapper(items);
    const events: CustomerEvent[] = [];
    const total = await this.store.events.count();
    let latest = -Infinity;
    let read = 0;
    for (let after = 0; ;) {
      const page = await this.store.events.scanEntries(after, PAGE, { types: PROFILE_EVENT_TYPES, withCustomer: true });
      for (const e of mapper.map(page)) {
        events.push(e);
        if (e.time > latest) latest = e.time;
      }
      read += page.length;
      await report((0.45 * read) / Math.max(total, 1), `read ${read.toLocaleString('en')} events`);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    // Purchases of days whose raw events retention dropped: one order per customer and day, from the rollups.
    for (const e of mapper.map(rollupEntries(await this.store.eventRetention.purchaseRollups()))) {
      events.push(e);
      if (e.time > latest) latest = e.time;
    }
    return { events, latest, read };
  }
}

/** One score row per profiled customer. */
function scoreRecords(result: CustomerAnalytics, computedAt: number): CustomerScoreRecord[] {
  const nextOrder = new Map<string, number>();
  result.clv?.ids.forEach((id, i) => nextOrder.set(id, result.clv!.nextOrderTime[i]!));
  const out: CustomerScoreRecord[] = [];
  for (const [customerId, s] of result.subjects) {
    const p = s.prediction;
    const next = nextOrder.get(customerId);
    out.push({
      customerId,
      rfm: s.rfm ?? null,
      pAlive: p ? p.pAlive : null,
      expectedPurchases: p ? p.expectedPurchases : null,
      predictedClv: p ? p.clv : null,
      churnRisk: p ? p.churnRisk : null,
      nextOrderAt: next !== undefined && Number.isFinite(next) ? next : null,
      cluster: s.cluster ?? null,
      computedAt,
    });
  }
  return out;
}

/** The run's record: model parameters, clusters in words and notes on whatever could not be fitted. */
function modelRecord(
  result: CustomerAnalytics,
  options: AnalyseOptions,
  computedAt: number,
): Omit<CustomerModelRecord, 'id'> {
  const m = result.clvModel;
  return {
    params: {
      customers: result.profiles.size,
      horizonDays: options.horizonDays ?? 365,
      churnHorizonDays: options.churnHorizonDays ?? 90,
      clv: m
        ? {
            purchases: {
              model: m.purchases.kind,
              ...m.purchases.params,
              penalty: m.purchases.penalty,
              note: m.purchases.note,
            },
            // Which forecast expected purchases come from (model, naive rate or a blend) and the validation behind it.
            forecast: {
              chosen: m.choice.chosen,
              naiveWeight: m.choice.naiveWeight,
              reason: m.choice.reason,
              validation: m.choice.validation,
            },
            spend: m.spend,
            spendNote: m.spendNote,
            spendForecast: {
              chosen: m.spendChoice.chosen,
              modelWeight: m.spendChoice.modelWeight,
              reason: m.spendChoice.reason,
              validation: m.spendChoice.validation,
            },
            unitDays: m.unitDays,
          }
        : null,
      clusters: result.clusters
        ? { k: result.clusters.k, criterion: 'highest mean silhouette', silhouetteByK: result.clusters.silhouetteByK }
        : null,
    },
    clusters: result.clusters?.clusters ?? [],
    notes: result.notes,
    asOf: result.now,
    computedAt,
  };
}

/** Log entries standing in for rolled-up purchases: each day's lines of a customer make one order. */
function rollupEntries(rollups: readonly PurchaseRollup[]): LogEntry[] {
  const out: LogEntry[] = [];
  for (const r of rollups) {
    if (r.customerId === null) continue;
    out.push({
      seq: 0,
      id: `rollup:${r.day}:${r.customerId}:${r.itemId ?? ''}:${r.channel}`,
      type: 'purchase',
      customerId: r.customerId,
      itemId: r.itemId,
      quantity: r.units,
      price: r.units > 0 ? r.revenue / r.units : null,
      revenue: r.revenue,
      orderId: `rollup:${r.day}`,
      channel: r.channel as Channel,
      timestamp: r.day,
    });
  }
  return out;
}
