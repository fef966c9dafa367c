/**
 * The journey runner, run as a job off the serving thread: reads the event log after its cursor (entries,
 * exitOn exits, waits for events), advances due runs through the step machine, and delivers due messages.
 * Run positions, the cursor and queued messages are written in one transaction, so a crash repeats a page
 * rather than losing it, and a repeated step finds its message already queued (ids are fixed per step).
 */
import { SEGMENT_ENTER_EVENT, SEGMENT_EXIT_EVENT, emptyProfile, type CustomerProfile } from '../../customers/index.js';
import type { StoredEvent } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import { expireGaps, fillGaps, findGaps, parseGaps } from '../../platform/seq-gaps.js';
import type { CustomerRecord } from '../../store/repositories/customer-repository.js';
import type { TriggerEvent } from '../../store/repositories/event-repository.js';
import type { MessageRecord } from '../../store/repositories/journey-message-repository.js';
import type { JourneyRunRecord } from '../../store/repositories/journey-run-repository.js';
import type { Repositories, Store } from '../../store/store.js';
import type { ConditionSubject } from '../conditions.js';
import type { Content } from '../definition.js';
import { listsNamedIn } from '../templates.js';
import { advance, entryPosition, unitHash, type Effect, type RunPosition } from '../step-machine.js';
import { newRunId } from '../ids.js';
import { validZone } from '../time.js';
import type { JourneyCatalogue, LiveJourney, LoadedVersion } from './journey-catalogue.js';
import { BatchProducts } from './batch-products.js';
import { LEASE_MS, MessageDelivery, type DeliveryRound } from './message-delivery.js';
import { buildMessage, type ProductSource } from './messages.js';
import type { JourneyContext } from './journey-context.js';
import { TriggerScans, type ScanPage } from './trigger-scans.js';

/** The meta key holding the last event log position read. */
export const JOURNEY_CURSOR_KEY = 'journeys.cursor';

/** The meta key holding the holes in `seq` read past on PostgreSQL (see platform/seq-gaps.ts). */
export const JOURNEY_GAPS_KEY = 'journeys.gaps';
/** How long a hole may still fill (a long import commits late), and how many holes are re-read each page. */
const GAP_TTL_MS = 6 * 3_600_000;
const MAX_GAPS = 2000;

/** Another worker wrote the page first. */
class LostRace extends Error {}

/** What one tick did. */
export interface TickResult {
  events: number;
  entered: number;
  exited: number;
  advanced: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  deferred: number;
}

/** Sizes of the runner's batches. */
export interface RunnerOptions {
  eventPage?: number;
  runBatch?: number;
  messageBatch?: number;
  /** Time budget of one tick, ms of wall time (the job yields to others after it). */
  budgetMs?: number;
}

const emptyTick = (): TickResult => ({
  events: 0,
  entered: 0,
  exited: 0,
  advanced: 0,
  queued: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  deferred: 0,
});

/** The runner. */
export class JourneyRunner {
  private readonly delivery: MessageDelivery;
  private readonly scans: TriggerScans;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly catalogue: JourneyCatalogue,
    private readonly context: JourneyContext,
    private readonly products: ProductSource,
    private readonly options: RunnerOptions = {},
  ) {
    this.delivery = new MessageDelivery(store, clock, context);
    this.scans = new TriggerScans(store, options.runBatch ?? 2000);
  }

  /** One round: events, due runs, then due messages, each until done or the time budget is spent. */
  async tick(signal?: AbortSignal): Promise<TickResult> {
    const total = emptyTick();
    const started = Date.now();
    const budget = this.options.budgetMs ?? 5_000;
    const within = () => !signal?.aborted && Date.now() - started < budget;
    // Messages that events and due runs produce are written leased to this sender and sent from memory
    // right after their transaction (no read back, no claim); a crash leaves them to the lease's end.
    const outbox: Outbox = { messages: [], customers: new Map() };
    for (let more = true; more && within();) {
      more = await this.readEvents(total, outbox);
      await this.sendFresh(outbox, total);
    }
    for (let more = true; more && within();) more = await this.scanTriggers(total);
    for (let more = true; more && within();) {
      more = await this.advanceDue(total, outbox);
      await this.sendFresh(outbox, total);
    }
    for (let more = true; more && within();) {
      const r = await this.delivery.deliverDue(this.options.messageBatch ?? 500);
      addRound(total, r);
      more = r.claimed > 0;
    }
    return total;
  }

  /**
   * Sends the leased messages of an outbox in rounds of `messageBatch` (each round's outcomes written before
   * the next, which bounds what a crash resends). A round whose lease is half spent is left to the claim
   * after the lease, so that no second sender can take a message this one is still sending.
   */
  private async sendFresh(outbox: Outbox, total: TickResult): Promise<void> {
    const size = this.options.messageBatch ?? 500;
    while (outbox.messages.length > 0) {
      const round = outbox.messages.splice(0, size);
      const now = this.clock();
      const fresh = round.filter((m) => now < m.nextAttemptAt! - LEASE_MS / 2);
      if (fresh.length > 0) addRound(total, await this.delivery.deliver(fresh, now, outbox.customers));
    }
    outbox.customers.clear();
  }

  /** Reads one page of the log after the cursor; returns whether more may follow. */
  async readEvents(total: TickResult = emptyTick(), outbox?: Outbox): Promise<boolean> {
    const raw = await this.store.meta.get(JOURNEY_CURSOR_KEY);
    if (raw === undefined) {
      // The first run starts at the end of the log: history is not replayed into journeys (use preview for that).
      await this.store.meta.compareAndSet(
        JOURNEY_CURSOR_KEY,
        undefined,
        String(await this.store.journeyRuns.logEnd()),
        this.clock(),
      );
      return true;
    }
    const from = Number(raw);
    const limit = this.options.eventPage ?? 5000;
    // On PostgreSQL a transaction still open can commit a lower seq after higher ones were read: the holes
    // read past are remembered (with the cursor, in one transaction) and what fills them is read later.
    const tracksGaps = this.store.commitsOutOfOrder;
    const gapsRaw = tracksGaps ? await this.store.meta.get(JOURNEY_GAPS_KEY) : undefined;
    const openGaps = parseGaps(gapsRaw);
    const late = openGaps.length > 0 ? await this.store.events.bySeqRanges(openGaps.map(([a, b]) => [a, b])) : [];
    const newer = await this.store.events.scanTriggers(from, limit);
    const seenAt = this.clock();
    const gaps = tracksGaps
      ? expireGaps(
          [
            ...fillGaps(openGaps, new Set(late.map((e) => e.seq))),
            ...findGaps(
              from,
              newer.map((e) => e.seq),
              seenAt,
            ),
          ],
          seenAt,
          GAP_TTL_MS,
          MAX_GAPS,
        )
      : [];
    const gapsChanged = JSON.stringify(gaps) !== JSON.stringify(openGaps);
    const events: TriggerEvent[] = [...late, ...newer];
    if (events.length === 0 && !gapsChanged) return false;
    const cursor = newer[newer.length - 1]?.seq ?? from;
    const now = this.clock();
    const live = await this.catalogue.live();
    const customers = [...new Set(events.map((e) => e.customerId).filter((c): c is string => c !== null))];
    const changed = new Map<string, JourneyRunRecord>();
    const created: JourneyRunRecord[] = [];
    // Runs created in this page are inserted whole, not updated (a Set: includes() on the list was quadratic).
    const createdIds = new Set<string>();
    const byCustomer = new Map<string, JourneyRunRecord[]>();
    if (customers.length > 0) {
      for (const run of await this.store.journeyRuns.activeFor(customers)) {
        const list = byCustomer.get(run.customerId) ?? [];
        list.push(run);
        byCustomer.set(run.customerId, list);
      }
    }
    const everIn = new Map<string, Map<string, 'active' | 'finished'>>();
    for (const j of live) {
      if (j.definition.reentry === 'never')
        everIn.set(j.journeyId, await this.store.journeyRuns.presence(j.journeyId, customers));
    }
    for (const e of events) {
      if (!e.customerId) continue;
      const runs = byCustomer.get(e.customerId) ?? [];
      for (const run of runs) {
        if (run.status !== 'active' || e.timestamp < run.enteredAt) continue;
        const version = await this.catalogue.version(run.journeyId, run.version);
        if (version?.definition.exitOn.includes(e.type)) {
          Object.assign(run, {
            status: 'exited',
            node: null,
            wakeAt: null,
            armed: null,
            waitingFor: null,
            exitReason: `event:${e.type}`,
            updatedAt: now,
          });
          if (!createdIds.has(run.id)) changed.set(run.id, run);
          total.exited += 1;
        } else if (run.waitingFor === e.type) {
          Object.assign(run, { wakeAt: now, waitingFor: null, updatedAt: now });
          if (!createdIds.has(run.id)) changed.set(run.id, run);
        }
      }
      for (const j of live) {
        if (e.receivedAt < j.activatedAt || !triggers(j, e)) continue;
        const inJourney = runs.some((r) => r.journeyId === j.journeyId && r.status === 'active');
        if (j.definition.reentry !== 'always' && inJourney) continue;
        if (j.definition.reentry === 'never' && everIn.get(j.journeyId)?.has(e.customerId)) continue;
        const run = newRun(j, e, now);
        everIn.get(j.journeyId)?.set(e.customerId, 'active');
        runs.push(run);
        byCustomer.set(e.customerId, runs);
        created.push(run);
        createdIds.add(run.id);
      }
    }
    total.events += events.length;
    // Customers entered in this page take their first steps now, before they are written: one write each.
    const fresh = created.filter((r) => r.status === 'active');
    const prepared = await this.prepare(await this.step(fresh, now, total), now);
    total.entered += created.length;
    const leased: MessageRecord[] = [];
    const won = await this.store
      .transaction(async (repos) => {
        if (!(await repos.meta.compareAndSet(JOURNEY_CURSOR_KEY, raw, String(cursor), now))) return false;
        // With the cursor unmoved (only late events), the holes' own compare-and-set keeps two workers from
        // both taking them; a loss after the cursor's write undoes the transaction.
        if (gapsChanged && !(await repos.meta.compareAndSet(JOURNEY_GAPS_KEY, gapsRaw, JSON.stringify(gaps), now)))
          throw new LostRace();
        await repos.journeyRuns.insertMany(created);
        await repos.journeyRuns.updateMany([...changed.values()]);
        leased.push(...(await this.write(repos, prepared, now, total, undefined, outbox !== undefined)));
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof LostRace) return false;
        throw error;
      });
    if (!won) return false;
    if (outbox) addToOutbox(outbox, leased, prepared.customers);
    return newer.length === limit;
  }

  /** One page of each date, item and broadcast scan with work to do; returns whether more pages follow. */
  async scanTriggers(total: TickResult = emptyTick()): Promise<boolean> {
    const now = this.clock();
    const live = (await this.catalogue.live()).filter((j) => {
      const t = j.definition.trigger;
      return 'date' in t || 'item' in t || 'schedule' in t;
    });
    if (live.length === 0) return false;
    let more = false;
    for (const page of await this.scans.pages(live, now)) if (await this.enterPage(page, now, total)) more = true;
    return more;
  }

  /** Enters a scanned page's candidates (re-entry rules applied) and advances its cursor, in one transaction. */
  private async enterPage(page: ScanPage, now: number, total: TickResult): Promise<boolean> {
    const customers = [...new Set(page.candidates.map((c) => c.customerId))];
    const active = new Set<string>();
    if (customers.length > 0)
      for (const run of await this.store.journeyRuns.activeFor(customers))
        active.add(`${run.journeyId}/${run.customerId}`);
    const everIn = new Map<string, Map<string, 'active' | 'finished'>>();
    for (const c of page.candidates) {
      const j = c.journey;
      if (j.definition.reentry === 'never' && !everIn.has(j.journeyId))
        everIn.set(j.journeyId, await this.store.journeyRuns.presence(j.journeyId, customers));
    }
    const created: JourneyRunRecord[] = [];
    for (const { journey: j, customerId, trigger } of page.candidates) {
      const key = `${j.journeyId}/${customerId}`;
      if (j.definition.reentry !== 'always' && active.has(key)) continue;
      if (j.definition.reentry === 'never' && everIn.get(j.journeyId)?.has(customerId)) continue;
      const itemId = typeof trigger.itemId === 'string' ? trigger.itemId : null;
      const run = newRun(
        j,
        { id: page.key, type: 'trigger', customerId, itemId, orderId: null, revenue: null, properties: trigger },
        now,
      );
      active.add(key);
      created.push(run);
    }
    const fresh = created.filter((r) => r.status === 'active');
    const prepared = await this.prepare(await this.step(fresh, now, total), now);
    const won = await this.store.transaction(async (repos) => {
      if (!(await repos.meta.compareAndSet(page.key, page.before, page.after, now))) return false;
      await repos.journeyRuns.insertMany(created);
      await page.write?.(repos);
      await this.write(repos, prepared, now, total);
      return true;
    });
    if (won) total.entered += created.length;
    return won && page.more;
  }

  /** Advances one batch of due runs; returns whether more may be due. */
  async advanceDue(total: TickResult = emptyTick(), outbox?: Outbox): Promise<boolean> {
    const now = this.clock();
    const limit = this.options.runBatch ?? 1000;
    const due = await this.store.journeyRuns.due(now, limit);
    if (due.length === 0) return false;
    const effects = await this.step(due, now, total);
    const prepared = await this.prepare(effects, now);
    const fresh = await this.store.transaction(async (repos) => {
      // A run exited by an event read between the select and now keeps its exit (checked on write).
      const current = new Map(
        (await repos.journeyRuns.activeFor([...new Set(due.map((r) => r.customerId))])).map((r) => [r.id, r]),
      );
      const still = due.filter((r) => current.get(r.id)?.node === effects.before.get(r.id));
      await repos.journeyRuns.updateMany(still);
      const keep = new Set(still.map((r) => r.id));
      return this.write(repos, prepared, now, total, keep, outbox !== undefined);
    });
    if (outbox) addToOutbox(outbox, fresh, prepared.customers);
    return due.length === limit;
  }

  /** Runs the step machine for runs (mutating their positions); returns the effects to apply. */
  private async step(runs: JourneyRunRecord[], now: number, total: TickResult): Promise<StepEffects> {
    const result: StepEffects = { items: [], counts: new Map(), before: new Map() };
    if (runs.length === 0) return result;
    const customers = await this.store.customers.getMany(runs.map((r) => r.customerId));
    // Each run's version, looked up once per journey version (a key string per run was built three times).
    const versions = new Map<string, LoadedVersion | undefined>();
    const versionOf: (LoadedVersion | undefined)[] = [];
    for (const r of runs) {
      const key = `${r.journeyId}@${r.version}`;
      if (!versions.has(key)) versions.set(key, await this.catalogue.version(r.journeyId, r.version));
      versionOf.push(versions.get(key));
    }
    const conditional = runs.filter((_, i) => versionOf[i]?.hasConditions);
    // Profiles and events since entry are read only for journeys with conditions.
    const profiles = await this.store.profiles.getMany<CustomerProfile>(conditional.map((r) => r.customerId));
    const since = await this.store.journeyRuns.eventsSinceEntry(conditional.map((r) => r.id));
    for (const [i, run] of runs.entries()) {
      result.before.set(run.id, run.node);
      const version = versionOf[i];
      const customer = customers.get(run.customerId);
      let position: RunPosition;
      let effects: Effect[] = [];
      let visited: string[] = [];
      if (!version)
        position = {
          status: 'exited',
          node: null,
          wakeAt: null,
          armed: null,
          waitingFor: null,
          exitReason: 'journey_deleted',
        };
      else if (!customer)
        position = {
          status: 'exited',
          node: null,
          wakeAt: null,
          armed: null,
          waitingFor: null,
          exitReason: 'customer_missing',
        };
      else {
        const advanced = advance(version.program, run, {
          runId: run.id,
          now,
          zone: validZone(typeof customer.traits.timezone === 'string' ? customer.traits.timezone : null),
          subject: (): ConditionSubject => ({
            profile: profiles.get(run.customerId)?.profile ?? emptyProfile(run.customerId),
            journey: {
              trigger: run.trigger,
              since: since.get(run.id) ?? new Map<string, number>(),
              traits: customer.traits,
              consent: customer.consent,
            },
          }),
        });
        ({ position, effects, visited } = advanced);
      }
      Object.assign(run, position, { updatedAt: now });
      if (position.status === 'exited') total.exited += 1;
      total.advanced += 1;
      const perJourney = result.counts.get(run.journeyId) ?? new Map<string, number>();
      for (const node of visited) perJourney.set(node, (perJourney.get(node) ?? 0) + 1);
      result.counts.set(run.journeyId, perJourney);
      for (const effect of effects) result.items.push({ run, effect, version: version!, customer });
    }
    return result;
  }

  /**
   * Builds what the effects write — messages rendered (product blocks read), trait changes — before the
   * transaction: on SQLite the transaction holds the only connection, so no other read may happen inside it.
   */
  private async prepare(effects: StepEffects, now: number): Promise<Prepared> {
    const messages: MessageRecord[] = [];
    const customers = new Map<string, CustomerRecord>();
    const traits = new Map<string, Record<string, unknown>>();
    if (effects.items.length === 0) return { messages, customers, traits, counts: effects.counts };
    const settings = await this.context.settings();
    const templates = new Map<string, Content | Record<string, Content> | undefined>();
    const template = async (name: string) => {
      if (!templates.has(name)) templates.set(name, (await this.store.journeys.template(name))?.content);
      return templates.get(name);
    };
    // The items that triggered the batch's runs, read in one query when their messages show them.
    const products = new BatchProducts(this.products);
    const shown: string[] = [];
    for (const { run, effect } of effects.items) {
      if (effect.kind !== 'send' || typeof run.trigger.itemId !== 'string') continue;
      const source = effect.step.content ?? (effect.step.template ? await template(effect.step.template) : undefined);
      if (source && listsNamedIn(source).includes('item')) shown.push(run.trigger.itemId);
    }
    await products.preload(shown);
    for (const { run, effect, version, customer } of effects.items) {
      if (effect.kind === 'set_trait') {
        const t = traits.get(run.customerId) ?? {};
        t[effect.trait] = effect.value;
        traits.set(run.customerId, t);
        continue;
      }
      if (customer) customers.set(run.customerId, customer);
      messages.push(
        await buildMessage({
          effect,
          run,
          definition: version.definition,
          customer,
          settings,
          products,
          template,
          unsubscribeUrl: (channel) => this.context.links.unsubscribe(run.customerId, channel),
          now,
        }),
      );
    }
    return { messages, customers, traits, counts: effects.counts };
  }

  private async write(
    repos: Repositories,
    prepared: Prepared,
    now: number,
    total: TickResult,
    keep?: Set<string>,
    leased = false,
  ): Promise<MessageRecord[]> {
    const messages = keep ? prepared.messages.filter((m) => keep.has(m.runId)) : prepared.messages;
    let fresh: MessageRecord[] = [];
    if (leased) {
      // Written as being sent, leased to this sender; only the ids this insert stored may be sent now (a
      // message another worker or an earlier attempt stored is that one's to send).
      for (const m of messages) Object.assign(m, { status: 'sending', nextAttemptAt: now + LEASE_MS });
      const stored = await repos.journeyMessages.insertNew(messages);
      fresh = messages.filter((m) => stored.has(m.id));
      total.queued += fresh.length;
    } else total.queued += await repos.journeyMessages.insertMany(messages);
    if (prepared.traits.size > 0) await setTraits(repos, prepared.traits, now);
    for (const [journeyId, counts] of prepared.counts)
      if (counts.size > 0) await repos.journeyRuns.countSteps(journeyId, counts);
    return fresh;
  }
}

/**
 * Messages written leased to this sender, to send from memory, with the customer records their step read a
 * moment before (delivery checks consent and addresses on them instead of reading them again).
 */
interface Outbox {
  messages: MessageRecord[];
  customers: Map<string, CustomerRecord>;
}

function addToOutbox(outbox: Outbox, messages: MessageRecord[], customers: Map<string, CustomerRecord>): void {
  for (const m of messages) {
    outbox.messages.push(m);
    const customer = customers.get(m.customerId);
    if (customer) outbox.customers.set(m.customerId, customer);
  }
}

function addRound(total: TickResult, r: DeliveryRound): void {
  total.sent += r.sent;
  total.failed += r.failed;
  total.skipped += r.skipped;
  total.deferred += r.deferred;
}

/** What a batch of steps writes. */
interface Prepared {
  messages: MessageRecord[];
  /** The customer records the messages were built from. */
  customers: Map<string, CustomerRecord>;
  traits: Map<string, Record<string, unknown>>;
  counts: Map<string, Map<string, number>>;
}

/** Effects of one batch of steps. */
interface StepEffects {
  items: { run: JourneyRunRecord; effect: Effect; version: LoadedVersion; customer: CustomerRecord | undefined }[];
  counts: Map<string, Map<string, number>>;
  /** Each run's node before the step (to detect a concurrent exit). */
  before: Map<string, string | null>;
}

async function setTraits(
  repos: Repositories,
  changes: Map<string, Record<string, unknown>>,
  now: number,
): Promise<void> {
  const current = await repos.customers.getMany([...changes.keys()]);
  const updated: CustomerRecord[] = [];
  for (const [id, set] of changes) {
    const c = current.get(id);
    if (!c) continue;
    const traits = { ...c.traits };
    for (const [k, v] of Object.entries(set)) {
      if (v === null) delete traits[k];
      else traits[k] = v;
    }
    updated.push({ ...c, traits, updatedAt: now });
  }
  await repos.customers.upsertMany(updated);
}

/** Whether an event triggers a journey. */
function triggers(j: LiveJourney, e: TriggerEvent): boolean {
  const t = j.definition.trigger;
  if ('schedule' in t || 'date' in t || 'item' in t) return false;
  if ('event' in t) {
    if (e.type !== t.event) return false;
    for (const [k, want] of Object.entries(t.where ?? {})) {
      const have = k === 'itemId' ? e.itemId : k === 'channel' ? e.channel : e.properties[k];
      if (have !== want) return false;
    }
    return true;
  }
  if ('segment' in t) {
    const type = (t.on ?? 'enter') === 'enter' ? SEGMENT_ENTER_EVENT : SEGMENT_EXIT_EVENT;
    return e.type === type && j.segmentId !== null && e.properties.segmentId === j.segmentId;
  }
  return false;
}

/** A customer entering a journey: a holdout share gets nothing (for measuring lift). */
export function newRun(
  j: LoadedVersion,
  e: Pick<StoredEvent, 'customerId' | 'itemId' | 'orderId' | 'revenue' | 'type' | 'properties' | 'id'>,
  now: number,
): JourneyRunRecord {
  const customerId = e.customerId!;
  const holdout =
    j.definition.holdoutPercent > 0 && unitHash('holdout', j.journeyId, customerId) * 100 < j.definition.holdoutPercent;
  const position: RunPosition = holdout
    ? { status: 'exited', node: null, wakeAt: null, armed: null, waitingFor: null, exitReason: 'holdout' }
    : entryPosition(j.program, now);
  return {
    id: newRunId(now),
    journeyId: j.journeyId,
    version: j.version,
    customerId,
    ...position,
    holdout,
    trigger: {
      ...e.properties,
      eventId: e.id,
      eventType: e.type,
      ...(e.itemId !== null ? { itemId: e.itemId } : {}),
      ...(e.orderId !== null ? { orderId: e.orderId } : {}),
      ...(e.revenue !== null ? { revenue: e.revenue } : {}),
    },
    enteredAt: now,
    updatedAt: now,
  };
}
