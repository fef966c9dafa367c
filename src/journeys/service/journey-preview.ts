/**
 * Dry run: replays stored history through a journey definition and reports who would have entered, been
 * messaged (and when) and exited — sending and storing nothing. Waits are simulated on the events' own
 * timestamps; conditions see the profile as it is now and the events since entry as they happened.
 */
import { SEGMENT_ENTER_EVENT, SEGMENT_EXIT_EVENT, emptyProfile, type CustomerProfile } from '../../customers/index.js';
import { DateTime } from 'luxon';
import { DAY_MS, ValidationError, systemEvent, type StoredEvent } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import { compileProgram } from '../program.js';
import { advance, entryPosition, type RunPosition } from '../step-machine.js';
import { triggerKind, type Trigger } from '../definition.js';
import { validZone } from '../time.js';
import { birthdayOn } from './trigger-scans.js';
import { validateJourney } from '../validate-journey.js';

/** The type of the stand-in events that carry date and broadcast entries through the replay. */
const STAND_IN = '(journey entry)';

/** One simulated customer. */
export interface PreviewRun {
  customerId: string;
  enteredAt: number;
  sends: { node: string; channel: string; at: number }[];
  /** How the run ended in the window; null when still waiting at its end. */
  exit: { reason: string; at: number } | null;
}

/** The dry run's report. */
export interface PreviewResult {
  eventsRead: number;
  entered: number;
  customers: number;
  messages: number;
  messagedCustomers: number;
  exits: Record<string, number>;
  stillWaiting: number;
  sample: PreviewRun[];
}

/** The dry-run service. */
export class JourneyPreview {
  constructor(private readonly store: Store) {}

  /** Replays the log between `from` and `to` (epoch ms) through a definition (validated first). */
  async run(
    input: unknown,
    options: { from: number; to: number; maxEvents?: number; sample?: number },
  ): Promise<PreviewResult> {
    const definition = validateJourney(input);
    const program = compileProgram(definition.steps);
    const trigger = definition.trigger;
    let segmentId: string | null = null;
    if ('segment' in trigger) {
      const s =
        (await this.store.segments.get(trigger.segment)) ?? (await this.store.segments.getByName(trigger.segment));
      segmentId = s?.id ?? null;
    }
    const byCustomer = new Map<string, StoredEvent[]>();
    let read = 0;
    const maxEvents = options.maxEvents ?? 500_000;
    for (let after = 0; read < maxEvents;) {
      const page = await this.store.events.scan(after, 5000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.seq;
      for (const e of page) {
        if (e.timestamp < options.from || e.timestamp > options.to || !e.customerId) continue;
        read += 1;
        const list = byCustomer.get(e.customerId) ?? [];
        list.push(e);
        byCustomer.set(e.customerId, list);
      }
    }
    const result: PreviewResult = {
      eventsRead: read,
      entered: 0,
      customers: 0,
      messages: 0,
      messagedCustomers: 0,
      exits: {},
      stillWaiting: 0,
      sample: [],
    };
    const kind = triggerKind(trigger);
    if (kind === 'item')
      throw new ValidationError([
        {
          field: 'journey.trigger.item',
          message: 'item triggers cannot be replayed: no price or stock history is kept',
        },
      ]);
    // Dates and broadcasts have no event of their own: their entries are added as stand-in events.
    if (kind === 'date' || kind === 'schedule')
      for (const e of await this.standIns(trigger, segmentId, byCustomer, options)) {
        const list = byCustomer.get(e.customerId!) ?? [];
        list.push(e);
        byCustomer.set(e.customerId!, list);
      }
    const triggerType =
      kind === 'event' && 'event' in trigger
        ? trigger.event
        : kind === 'date' || kind === 'schedule'
          ? STAND_IN
          : (trigger as { on?: string }).on === 'exit'
            ? SEGMENT_EXIT_EVENT
            : SEGMENT_ENTER_EVENT;
    const matches = (e: StoredEvent) => {
      if (e.type !== triggerType) return false;
      if (e.type === STAND_IN) return true;
      if ('event' in trigger)
        return Object.entries(trigger.where ?? {}).every(
          ([k, v]) => (k === 'itemId' ? e.itemId : e.properties[k]) === v,
        );
      return e.properties.segmentId === segmentId;
    };
    const customers = await this.store.customers.getMany([...byCustomer.keys()]);
    const profiles = await this.store.profiles.getMany<CustomerProfile>([...byCustomer.keys()]);
    for (const [customerId, events] of byCustomer) {
      events.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
      const customer = customers.get(customerId);
      const zone = validZone(typeof customer?.traits.timezone === 'string' ? customer.traits.timezone : null);
      let busyUntil = -Infinity;
      let entries = 0;
      let messaged = false;
      for (const e of events) {
        if (!matches(e) || e.timestamp < busyUntil) continue;
        if (definition.reentry === 'never' && entries > 0) break;
        if (definition.reentry === 'always' || e.timestamp >= busyUntil) {
          entries += 1;
          const run = this.simulate(
            program,
            definition.exitOn,
            events,
            e,
            customerId,
            zone,
            options.to,
            profiles.get(customerId)?.profile,
            customer,
          );
          result.entered += 1;
          result.messages += run.sends.length;
          if (run.sends.length > 0) messaged = true;
          if (run.exit) result.exits[run.exit.reason] = (result.exits[run.exit.reason] ?? 0) + 1;
          else result.stillWaiting += 1;
          if (result.sample.length < (options.sample ?? 20)) result.sample.push(run);
          busyUntil = definition.reentry === 'always' ? -Infinity : (run.exit?.at ?? Infinity);
        }
      }
      if (entries > 0) result.customers += 1;
      if (messaged) result.messagedCustomers += 1;
    }
    return result;
  }

  /** Entries of a date or broadcast trigger in the window, as stand-in events. */
  private async standIns(
    trigger: Trigger,
    segmentId: string | null,
    byCustomer: Map<string, StoredEvent[]>,
    options: { from: number; to: number },
  ): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    const at = (customerId: string, timestamp: number, properties: Record<string, unknown>): StoredEvent => ({
      seq: -1,
      ...systemEvent({
        id: `preview:${customerId}:${timestamp}`,
        type: STAND_IN,
        timestamp,
        customerId,
        channel: 'web',
        properties,
      }),
    });
    if ('schedule' in trigger) {
      const when = Date.parse(trigger.schedule);
      if (when < options.from || when > options.to || segmentId === null) return out;
      for (const id of await this.store.segments.memberIds(segmentId))
        out.push(at(id, when, { broadcast: trigger.schedule, segmentId }));
      return out;
    }
    if (!('date' in trigger)) return out;
    const zone = validZone(trigger.timezone);
    if (trigger.date === 'last_order') {
      // Each order not followed by another within `days` brings the customer in at the start of that day.
      for (const [customerId, events] of byCustomer) {
        const orders = events
          .filter((e) => e.type === 'purchase')
          .map((e) => e.timestamp)
          .sort((a, b) => a - b);
        orders.forEach((t, i) => {
          const day = DateTime.fromMillis(t, { zone })
            .startOf('day')
            .plus({ days: trigger.days ?? 1 });
          const next = orders[i + 1];
          if (
            (next === undefined || next >= day.toMillis()) &&
            day.toMillis() >= options.from &&
            day.toMillis() <= options.to
          )
            out.push(at(customerId, day.toMillis(), { date: 'last_order', lastOrderAt: t, days: trigger.days }));
        });
      }
      return out;
    }
    const trait = trigger.trait ?? 'birthday';
    const first = DateTime.fromMillis(options.from, { zone }).startOf('day');
    const days = Math.min(366 * 2, Math.ceil((options.to - first.toMillis()) / DAY_MS) + 1);
    for (let after: string | undefined; ;) {
      const page = await this.store.customers.list({ limit: 2000, after });
      for (const c of page)
        for (let d = 0; d < days; d++) {
          const day = first.plus({ days: d });
          if (day.toMillis() > options.to) break;
          if (day.toMillis() >= options.from && birthdayOn(c.traits[trait], day))
            out.push(at(c.id, day.toMillis(), { date: 'birthday', day: day.toISODate() }));
        }
      if (page.length < 2000) break;
      after = page[page.length - 1]!.id;
    }
    return out;
  }

  private simulate(
    program: ReturnType<typeof compileProgram>,
    exitOn: readonly string[],
    events: readonly StoredEvent[],
    entry: StoredEvent,
    customerId: string,
    zone: string,
    end: number,
    profile: CustomerProfile | undefined,
    customer: { traits: Record<string, unknown>; consent: Record<string, boolean> } | undefined,
  ): PreviewRun {
    const run: PreviewRun = { customerId, enteredAt: entry.timestamp, sends: [], exit: null };
    let now = entry.timestamp;
    let position: RunPosition = entryPosition(program, now);
    const trigger = { ...entry.properties, ...(entry.itemId ? { itemId: entry.itemId } : {}) };
    for (let round = 0; round < 100; round++) {
      const at = now;
      const step = advance(program, position, {
        runId: `${customerId}:${entry.id}`,
        now: at,
        zone,
        subject: () => {
          const since = new Map<string, number>();
          for (const e of events)
            if (e.timestamp > entry.timestamp && e.timestamp <= at) since.set(e.type, (since.get(e.type) ?? 0) + 1);
          return {
            profile: profile ?? emptyProfile(customerId),
            journey: { trigger, since, traits: customer?.traits ?? {}, consent: customer?.consent ?? {} },
          };
        },
      });
      for (const effect of step.effects) {
        if (effect.kind !== 'set_trait')
          run.sends.push({
            node: effect.node,
            channel: effect.kind === 'webhook' ? 'webhook' : effect.step.channel,
            at,
          });
      }
      position = step.position;
      if (position.status !== 'active') {
        run.exit = { reason: position.exitReason ?? position.status, at };
        return run;
      }
      const wake = position.wakeAt!;
      const next = events.find(
        (e) => e.timestamp > at && e.timestamp <= wake && (exitOn.includes(e.type) || e.type === position.waitingFor),
      );
      if (next && exitOn.includes(next.type)) {
        run.exit = { reason: `event:${next.type}`, at: next.timestamp };
        return run;
      }
      now = next ? next.timestamp : wake;
      if (now > end) return run;
    }
    return run;
  }
}
