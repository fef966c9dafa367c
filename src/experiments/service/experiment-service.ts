/**
 * Experiments: definitions, deterministic assignment (sticky across identity merges, targeted by segment,
 * bandit-weighted), exposure logging, read-outs computed off the serving thread and stored, attribution.
 */
import { ConflictError, DAY_MS, NotFoundError, ValidationError } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { ExperimentRecord, VariantDefinition } from '../../store/repositories/experiment-repository.js';
import type { VariantDayRow } from '../../store/repositories/experiment-repository.js';
import type { Store } from '../../store/store.js';
import { assignVariant } from '../assignment.js';
import { buildResults, type ExperimentResults } from './experiment-results.js';
import { experimentFromInput, type ExperimentInput } from './experiment-input.js';
import { ExperimentsThread } from './experiments-thread.js';
import type { AttributionReport } from './experiments-worker.js';

/** Who is being assigned: a customer id, an anonymous id, or both. */
export interface Subject {
  customerId?: string | undefined;
  anonymousId?: string | undefined;
}

/** The outcome of an assignment. */
export interface AssignmentResult {
  experimentId: string;
  experiment: string;
  /** Null when the unit is not in the experiment (then show the default experience). */
  variant: string | null;
  config: Record<string, unknown> | null;
  reason: 'assigned' | 'sticky' | 'not-running' | 'not-in-segment' | 'outside-traffic' | 'outside-layer-slice';
}

/** A subject resolved: its customer id (directly or through a merge) and its anonymous ids. */
interface Unit {
  customerId: string | null;
  anonymousIds: string[];
}

function requireSubject(subject: Subject): void {
  if (subject.customerId === undefined && subject.anonymousId === undefined) {
    throw new ValidationError([{ field: 'anonymousId', message: 'send a customerId or an anonymousId' }]);
  }
}

/** A stored read-out and when it was computed. */
export interface StoredResults {
  results: ExperimentResults;
  exposures: number;
  computedAt: number;
}

const CACHE_MS = 2000;
/** How many recorded exposures a process remembers before it starts over. */
const EXPOSED_MEMORY = 100_000;

/** The experiment service. */
export class ExperimentService {
  private cache: {
    at: number;
    byKey: Map<string, ExperimentRecord>;
    shares: Map<string, Record<string, number>>;
    bySurface: Map<string, ExperimentRecord[]>;
  } | null = null;

  /** `experimentId|unitId` of exposures this process has recorded (bounded; cleared when full). */
  private readonly exposed = new Set<string>();

  private readonly thread: ExperimentsThread;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    databaseUrl: string,
  ) {
    this.thread = new ExperimentsThread(store, databaseUrl);
  }

  /** Stops the worker thread. */
  close(): Promise<void> {
    return this.thread.close();
  }

  /** Creates an experiment (running unless `start: false`). */
  async create(input: ExperimentInput): Promise<ExperimentRecord> {
    const record = experimentFromInput(input, this.clock());
    if (record.segmentId !== null && !(await this.store.segments.get(record.segmentId))) {
      throw new ValidationError([{ field: 'segmentId', message: `no segment has id "${record.segmentId}"` }]);
    }
    if (await this.store.experiments.getByName(record.name)) {
      throw new ConflictError(`an experiment named "${record.name}" already exists`);
    }
    await this.store.experiments.insert(record);
    this.cache = null;
    return record;
  }

  /** Every experiment, newest first. */
  list(status?: ExperimentRecord['status']): Promise<ExperimentRecord[]> {
    return this.store.experiments.list(status);
  }

  /** One experiment by id or name. */
  async get(ref: string): Promise<ExperimentRecord> {
    const e = (await this.store.experiments.get(ref)) ?? (await this.store.experiments.getByName(ref));
    if (!e) throw new NotFoundError(`no experiment has id or name "${ref}"`);
    return e;
  }

  /** Starts a draft (or restarts a stopped) experiment. */
  async start(ref: string): Promise<ExperimentRecord> {
    const e = await this.get(ref);
    const now = this.clock();
    const next: ExperimentRecord = {
      ...e,
      status: 'running',
      startedAt: e.startedAt ?? now,
      stoppedAt: null,
      updatedAt: now,
    };
    await this.store.experiments.update(next);
    this.cache = null;
    return next;
  }

  /** Stops an experiment: assignment returns no variant from now on; exposures and results are kept. */
  async stop(ref: string): Promise<ExperimentRecord> {
    const e = await this.get(ref);
    const now = this.clock();
    const next: ExperimentRecord = { ...e, status: 'stopped', stoppedAt: now, updatedAt: now };
    await this.store.experiments.update(next);
    this.cache = null;
    return next;
  }

  /** Deletes an experiment with its exposures and results. */
  async delete(ref: string): Promise<void> {
    const e = await this.get(ref);
    await this.store.experiments.delete(e.id);
    this.cache = null;
  }

  private async cached() {
    const now = this.clock();
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache;
    const all = await this.store.experiments.list('running');
    const byKey = new Map<string, ExperimentRecord>();
    const shares = new Map<string, Record<string, number>>();
    for (const e of all) {
      byKey.set(e.id, e);
      byKey.set(e.name, e);
      if (e.kind === 'bandit') {
        const stored = (await this.store.experiments.getResult(e.id))?.result as ExperimentResults | undefined;
        if (stored?.banditShares) shares.set(e.id, stored.banditShares);
      }
    }
    this.cache = { at: now, byKey, shares, bySurface: new Map() };
    return this.cache;
  }

  /** The variant a subject gets in an experiment; nothing is recorded (see {@link expose}). */
  async assign(ref: string, subject: Subject): Promise<AssignmentResult> {
    const cache = await this.cached();
    const e = cache.byKey.get(ref) ?? (await this.get(ref));
    return this.assignIn(e, subject, cache.shares.get(e.id));
  }

  /** The subject's variant in every running experiment (optionally of one surface), for SDK flags. */
  async assignAll(subject: Subject, surface?: string): Promise<AssignmentResult[]> {
    return (await this.assignSurface(subject, surface)).assignments;
  }

  /** The running experiments (optionally of one surface); the same array until the cache is refreshed. */
  async running(surface?: string): Promise<readonly ExperimentRecord[]> {
    const cache = await this.cached();
    const key = surface ?? '';
    let list = cache.bySurface.get(key);
    if (!list) {
      list = [...new Set(cache.byKey.values())].filter((e) => surface === undefined || e.surface === surface);
      cache.bySurface.set(key, list);
    }
    return list;
  }

  /**
   * The subject's variant in every running experiment of a surface, with the subject's identity resolved once
   * for all of them, and `expose` to record the first exposure of those actually shown in one write. No query
   * at all when nothing runs on the surface.
   */
  async assignSurface(
    subject: Subject,
    surface?: string,
  ): Promise<{ assignments: AssignmentResult[]; expose: (experimentIds: Iterable<string>) => Promise<number> }> {
    const running = await this.running(surface);
    if (running.length === 0) return { assignments: [], expose: () => Promise.resolve(0) };
    const cache = await this.cached();
    const unit = await this.unitOf(subject);
    const assignments: AssignmentResult[] = [];
    for (const e of running) assignments.push(await this.assignIn(e, subject, cache.shares.get(e.id), unit));
    const expose = async (experimentIds: Iterable<string>): Promise<number> => {
      const wanted = new Set(experimentIds);
      const unitId = unit.customerId ?? subject.anonymousId!;
      const now = this.clock();
      const rows = assignments
        .filter((a) => a.variant !== null && wanted.has(a.experimentId))
        .filter((a) => !this.exposed.has(`${a.experimentId}|${unitId}`))
        .map((a) => ({
          experimentId: a.experimentId,
          unitId,
          variant: a.variant!,
          customerId: unit.customerId,
          anonymousId: subject.anonymousId ?? null,
          exposedAt: now,
        }));
      if (rows.length === 0) return 0;
      const added = await this.store.experiments.recordExposures(rows);
      // Only the first exposure counts: remembering recorded ones spares a write on every later page view.
      if (this.exposed.size > EXPOSED_MEMORY) this.exposed.clear();
      for (const r of rows) this.exposed.add(`${r.experimentId}|${unitId}`);
      return added;
    };
    return { assignments, expose };
  }

  /** Records that the subject was shown its variant (first exposure only) and returns the assignment. */
  async expose(ref: string, subject: Subject): Promise<AssignmentResult & { recorded: boolean }> {
    const cache = await this.cached();
    const e = cache.byKey.get(ref) ?? (await this.get(ref));
    // Resolved once for the assignment and the exposure row: each lookup is a round trip on PostgreSQL.
    const unit = await this.unitOf(subject);
    const customerId = unit.customerId;
    const a = await this.assignIn(e, subject, cache.shares.get(e.id), unit);
    if (a.variant === null) return { ...a, recorded: false };
    const unitId = customerId ?? subject.anonymousId!;
    const added = await this.store.experiments.recordExposures([
      {
        experimentId: e.id,
        unitId,
        variant: a.variant,
        customerId,
        anonymousId: subject.anonymousId ?? null,
        exposedAt: this.clock(),
      },
    ]);
    return { ...a, recorded: added > 0 };
  }

  private async resolveCustomer(subject: Subject): Promise<string | null> {
    if (subject.customerId !== undefined) return subject.customerId;
    if (subject.anonymousId === undefined) return null;
    return (await this.store.identities.resolve([subject.anonymousId])).get(subject.anonymousId) ?? null;
  }

  /** The subject's customer id (directly or through a merge) and every anonymous id it is known by. */
  private async unitOf(subject: Subject): Promise<Unit> {
    requireSubject(subject);
    const customerId = await this.resolveCustomer(subject);
    const anonymousIds =
      customerId !== null ? (await this.store.identities.forCustomer(customerId)).map((l) => l.anonymousId) : [];
    if (subject.anonymousId !== undefined && !anonymousIds.includes(subject.anonymousId))
      anonymousIds.push(subject.anonymousId);
    return { customerId, anonymousIds };
  }

  private async assignIn(
    e: ExperimentRecord,
    subject: Subject,
    shares: Record<string, number> | undefined,
    known?: Unit,
  ): Promise<AssignmentResult> {
    requireSubject(subject);
    const base = { experimentId: e.id, experiment: e.name };
    const none = (reason: AssignmentResult['reason']): AssignmentResult => ({
      ...base,
      variant: null,
      config: null,
      reason,
    });
    if (e.status !== 'running') return none('not-running');
    const { customerId, anonymousIds } = known ?? (await this.unitOf(subject));
    if (e.segmentId !== null) {
      const member =
        customerId !== null &&
        (await this.store.segments.membershipsOf([customerId])).get(customerId)?.has(e.segmentId);
      if (!member) return none('not-in-segment');
    }
    const prior = await this.store.experiments.priorVariant(e.id, customerId, anonymousIds);
    const priorVariant = prior === undefined ? undefined : e.variants.find((v) => v.name === prior);
    if (priorVariant) return { ...base, variant: priorVariant.name, config: priorVariant.config, reason: 'sticky' };
    const variants: VariantDefinition[] = shares
      ? e.variants.map((v) => ({ ...v, weight: shares[v.name] ?? v.weight }))
      : e.variants;
    const a = assignVariant(
      { salt: e.salt, variants, traffic: e.traffic, layer: e.layer },
      customerId ?? subject.anonymousId!,
    );
    if (a.variant === null) return none(a.reason);
    const v = e.variants.find((x) => x.name === a.variant)!;
    return { ...base, variant: v.name, config: v.config, reason: 'assigned' };
  }

  /** The stored read-out, if computed. */
  async results(ref: string): Promise<StoredResults | null> {
    const e = await this.get(ref);
    const stored = await this.store.experiments.getResult(e.id);
    return stored
      ? { results: stored.result as ExperimentResults, exposures: stored.exposures, computedAt: stored.computedAt }
      : null;
  }

  /** Computes and stores the read-out; the SQL sums run on a worker thread. */
  async computeResults(ref: string): Promise<StoredResults> {
    const e = await this.get(ref);
    const rows = await this.thread.run<VariantDayRow[]>({
      kind: 'sums',
      experimentId: e.id,
      metrics: e.metrics,
    });
    const results = buildResults(e, rows);
    const exposures = Object.values(results.exposures).reduce((a, b) => a + b, 0);
    const computedAt = this.clock();
    await this.store.experiments.saveResult(e.id, results, exposures, computedAt);
    this.cache = null;
    return { results, exposures, computedAt };
  }

  /** Attribution of the last `days` days' orders to touchpoints under every model, computed on a worker thread. */
  attribution(days: number, halfLifeDays = 7): Promise<AttributionReport> {
    return this.thread.run<AttributionReport>({
      kind: 'attribution',
      since: this.clock() - days * DAY_MS,
      halfLifeMs: halfLifeDays * DAY_MS,
    });
  }

  /** Erasure: deletes the customer's exposures under their customer id and every merged anonymous id. */
  async forgetCustomer(customerId: string, anonymousIds: readonly string[]): Promise<number> {
    return this.store.experiments.deleteExposuresForCustomer(customerId, anonymousIds);
  }
}
