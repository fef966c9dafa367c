/**
 * The message log and the suppression list. A message's id is fixed by its run and step, and inserting an
 * id already stored does nothing: a step replayed after a crash finds its message and does not queue another.
 */
import type { Kysely, Selectable } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database, JourneyMessagesTable } from '../database.js';
import type { DialectName } from '../dialects/dialect-adapter.js';
import { insertNewRows, insertRows } from '../dialects/row-insert.js';

/** Where a message is in its life. */
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'skipped' | 'failed' | 'dead';

/** One message to one customer. */
export interface MessageRecord {
  id: string;
  runId: string;
  journeyId: string;
  node: string;
  customerId: string;
  channel: string;
  status: MessageStatus;
  /** Why it was skipped, deferred, failed or dead-lettered. */
  reason: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  /** What to send (rendered content, target URL, headers). */
  payload: Record<string, unknown>;
  createdAt: number;
  sentAt: number | null;
  openedAt: number | null;
  clickedAt: number | null;
}

/** A change to a message after an attempt. */
export interface MessageUpdate {
  id: string;
  status: MessageStatus;
  reason: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  sentAt: number | null;
}

/** Per step and status, how many messages. */
export interface MessageCount {
  node: string;
  status: MessageStatus;
  n: number;
  opened: number;
  clicked: number;
}

/** Message persistence. */
export class JourneyMessageRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /** Queues messages; ids already stored are left alone. Returns how many were new. */
  async insertMany(messages: readonly MessageRecord[]): Promise<number> {
    return insertRows(this.db, this.dialect, 'journey_messages', MESSAGE_COLUMNS, messages.map(toValues), 'id');
  }

  /** Inserts messages like {@link insertMany}; returns the ids that were new (only those may be sent now). */
  async insertNew(messages: readonly MessageRecord[]): Promise<Set<string>> {
    return insertNewRows(this.db, this.dialect, 'journey_messages', MESSAGE_COLUMNS, messages.map(toValues), 'id');
  }

  /**
   * Claims due messages for sending: marks them `sending` until `leaseUntil`, so a second sender (or this one
   * after a crash, once the lease ran out) takes only what nobody is sending.
   */
  async claimDue(now: number, leaseUntil: number, limit: number): Promise<MessageRecord[]> {
    const rows = await this.db
      .selectFrom('journey_messages')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('next_attempt_at', '<=', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    // One UPDATE per chunk, not per message. Its WHERE repeats the due test: a row another sender claimed
    // between the select and this update (PostgreSQL re-checks it after that sender commits) has a lease in
    // the future now and is left out; RETURNING says which rows this sender got.
    const won = new Set<string>();
    for (const part of chunked(rows, 500)) {
      const got = await this.db
        .updateTable('journey_messages')
        .set({ status: 'sending', next_attempt_at: leaseUntil })
        .where(
          'id',
          'in',
          part.map((r) => r.id),
        )
        .where('status', 'in', ['queued', 'sending'])
        .where('next_attempt_at', '<=', now)
        .returning('id')
        .execute();
      for (const r of got) won.add(r.id);
    }
    return rows
      .filter((row) => won.has(row.id))
      .map((row) => ({ ...fromRow(row), status: 'sending' as const, nextAttemptAt: leaseUntil }));
  }

  /** Records the outcome of attempts: one UPDATE per distinct outcome (a round's sends mostly share one). */
  async updateMany(updates: readonly MessageUpdate[]): Promise<void> {
    const groups = new Map<string, { update: MessageUpdate; ids: string[] }>();
    for (const u of updates) {
      const key = JSON.stringify([u.status, u.reason, u.attempts, u.nextAttemptAt, u.sentAt]);
      const group = groups.get(key);
      if (group) group.ids.push(u.id);
      else groups.set(key, { update: u, ids: [u.id] });
    }
    for (const { update: u, ids } of groups.values()) {
      for (const part of chunked(ids, 500)) {
        await this.db
          .updateTable('journey_messages')
          .set({
            status: u.status,
            reason: u.reason,
            attempts: u.attempts,
            next_attempt_at: u.nextAttemptAt,
            sent_at: u.sentAt,
          })
          .where('id', 'in', part)
          .execute();
      }
    }
  }

  /** One message. */
  async get(id: string): Promise<MessageRecord | undefined> {
    const row = await this.db.selectFrom('journey_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Marks a message opened or clicked (first time only); false when there is no such message. */
  async track(id: string, what: 'open' | 'click', at: number): Promise<boolean> {
    const column = what === 'open' ? 'opened_at' : 'clicked_at';
    const exists = await this.get(id);
    if (!exists) return false;
    await this.db
      .updateTable('journey_messages')
      .set({ [column]: at })
      .where('id', '=', id)
      .where(column, 'is', null)
      .execute();
    // A click proves the message was opened even when images were blocked.
    if (what === 'click')
      await this.db
        .updateTable('journey_messages')
        .set({ opened_at: at })
        .where('id', '=', id)
        .where('opened_at', 'is', null)
        .execute();
    return true;
  }

  /** Messages sent to each customer on a channel since a time, across all journeys (for frequency caps). */
  async sentCounts(customerIds: readonly string[], channel: string, since: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunked([...new Set(customerIds)], 500)) {
      const rows = await this.db
        .selectFrom('journey_messages')
        .select((eb) => ['customer_id', eb.fn.countAll<number>().as('n')])
        .where('customer_id', 'in', part)
        .where('channel', '=', channel)
        .where('sent_at', '>=', since)
        .groupBy('customer_id')
        .execute();
      for (const r of rows) out.set(r.customer_id, Number(r.n));
    }
    return out;
  }

  /** Per step and status counts of a journey's messages. */
  async counts(journeyId: string): Promise<MessageCount[]> {
    const rows = await this.db
      .selectFrom('journey_messages')
      .select((eb) => [
        'node',
        'status',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('opened_at').as('opened'),
        eb.fn.count<number>('clicked_at').as('clicked'),
      ])
      .where('journey_id', '=', journeyId)
      .groupBy(['node', 'status'])
      .execute();
    return rows.map((r) => ({
      node: r.node,
      status: r.status as MessageStatus,
      n: Number(r.n),
      opened: Number(r.opened),
      clicked: Number(r.clicked),
    }));
  }

  /** Sent messages of a journey with their customer and send time (for conversion attribution). */
  async sentOf(journeyId: string, limit: number): Promise<{ customerId: string; sentAt: number; node: string }[]> {
    const rows = await this.db
      .selectFrom('journey_messages')
      .select(['customer_id', 'sent_at', 'node'])
      .where('journey_id', '=', journeyId)
      .where('sent_at', 'is not', null)
      .orderBy('sent_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ customerId: r.customer_id, sentAt: Number(r.sent_at), node: r.node }));
  }

  /** A customer's messages, newest first. */
  async forCustomer(customerId: string, limit = 200): Promise<MessageRecord[]> {
    const rows = await this.db
      .selectFrom('journey_messages')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** A journey's messages, newest first, optionally of one status. */
  async list(journeyId: string, options: { limit: number; status?: MessageStatus }): Promise<MessageRecord[]> {
    let query = this.db
      .selectFrom('journey_messages')
      .selectAll()
      .where('journey_id', '=', journeyId)
      .orderBy('created_at', 'desc')
      .limit(options.limit);
    if (options.status) query = query.where('status', '=', options.status);
    return (await query.execute()).map(fromRow);
  }

  /** Deletes every message of a customer (erasure); returns how many. */
  async deleteForCustomer(customerId: string): Promise<number> {
    const r = await this.db.deleteFrom('journey_messages').where('customer_id', '=', customerId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Adds addresses to the suppression list (a repeat keeps the first reason). */
  async suppress(channel: string, address: string, reason: string, at: number): Promise<void> {
    await this.db
      .insertInto('journey_suppressions')
      .values({ channel, address: address.toLowerCase(), reason, created_at: at })
      .onConflict((oc) => oc.columns(['channel', 'address']).doNothing())
      .execute();
  }

  /** Which of the addresses are suppressed on a channel. */
  async suppressed(channel: string, addresses: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunked([...new Set(addresses.map((a) => a.toLowerCase()))], 500)) {
      const rows = await this.db
        .selectFrom('journey_suppressions')
        .select('address')
        .where('channel', '=', channel)
        .where('address', 'in', part)
        .execute();
      for (const r of rows) out.add(r.address);
    }
    return out;
  }

  /** The suppression list, newest first. */
  async suppressions(
    limit: number,
  ): Promise<{ channel: string; address: string; reason: string; createdAt: number }[]> {
    const rows = await this.db
      .selectFrom('journey_suppressions')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      channel: r.channel,
      address: r.address,
      reason: r.reason,
      createdAt: Number(r.created_at),
    }));
  }
}

const MESSAGE_COLUMNS = [
  'id',
  'run_id',
  'journey_id',
  'node',
  'customer_id',
  'channel',
  'status',
  'reason',
  'attempts',
  'next_attempt_at',
  'payload',
  'created_at',
  'sent_at',
  'opened_at',
  'clicked_at',
] as const;

/** A message's values in {@link MESSAGE_COLUMNS} order. */
function toValues(m: MessageRecord): unknown[] {
  return [
    m.id,
    m.runId,
    m.journeyId,
    m.node,
    m.customerId,
    m.channel,
    m.status,
    m.reason,
    m.attempts,
    m.nextAttemptAt,
    encodeJson(m.payload),
    m.createdAt,
    m.sentAt,
    m.openedAt,
    m.clickedAt,
  ];
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function fromRow(row: Selectable<JourneyMessagesTable>): MessageRecord {
  return {
    id: row.id,
    runId: row.run_id,
    journeyId: row.journey_id,
    node: row.node,
    customerId: row.customer_id,
    channel: row.channel,
    status: row.status as MessageStatus,
    reason: row.reason,
    attempts: row.attempts,
    nextAttemptAt: num(row.next_attempt_at),
    payload: decodeJson<Record<string, unknown>>(row.payload, {}),
    createdAt: Number(row.created_at),
    sentAt: num(row.sent_at),
    openedAt: num(row.opened_at),
    clickedAt: num(row.clicked_at),
  };
}
