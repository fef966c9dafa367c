/** Search settings (synonyms, merchandising rules), index snapshots, and the event reads query analytics need. */
import type { Kysely } from 'kysely';
import { decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';

/** A stored index snapshot. */
export interface SearchSnapshotRecord {
  id: string;
  data: Uint8Array;
  /** Largest items.updated_at folded into the snapshot. */
  itemHighWater: number;
  documents: number;
  createdAt: number;
}

/** A stored merchandising rule (the rule body is the search library's MerchandisingRule, uninterpreted here). */
export interface SearchRuleRecord<R = unknown> {
  id: string;
  query: string;
  rule: R;
  createdAt: number;
}

/** One search event, as query analytics read it. */
export interface SearchEventRow {
  query: string;
  sessionId: string | null;
  actor: string | null;
  ts: number;
  properties: Record<string, unknown>;
}

/** One engagement event (click, cart, purchase) that may follow a search in a session. */
export interface EngagementRow {
  type: string;
  itemId: string;
  sessionId: string;
  ts: number;
}

/** Event counts of one item by type. */
export interface ItemEventCount {
  itemId: string;
  type: string;
  n: number;
}

/** Search persistence. */
export class SearchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a snapshot and drops all but the newest `keep`. */
  async saveSnapshot(s: SearchSnapshotRecord, keep = 2): Promise<void> {
    await this.db
      .insertInto('search_snapshots')
      .values({
        id: s.id,
        data: s.data,
        item_high_water: s.itemHighWater,
        documents: s.documents,
        created_at: s.createdAt,
      })
      .execute();
    const old = await this.db
      .selectFrom('search_snapshots')
      .select('id')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .offset(keep)
      .limit(1000)
      .execute();
    if (old.length > 0) {
      await this.db
        .deleteFrom('search_snapshots')
        .where(
          'id',
          'in',
          old.map((r) => r.id),
        )
        .execute();
    }
  }

  /** Id and time of the newest snapshot, without its bytes. */
  async latestSnapshotId(): Promise<{ id: string; createdAt: number } | undefined> {
    const row = await this.db
      .selectFrom('search_snapshots')
      .select(['id', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { id: row.id, createdAt: Number(row.created_at) };
  }

  /** The newest snapshot. */
  async latestSnapshot(): Promise<SearchSnapshotRecord | undefined> {
    const row = await this.db
      .selectFrom('search_snapshots')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        data: row.data,
        itemHighWater: Number(row.item_high_water),
        documents: Number(row.documents),
        createdAt: Number(row.created_at),
      }
    );
  }

  /** Configured synonym rules, in order. */
  async synonyms<R>(): Promise<R[]> {
    const rows = await this.db.selectFrom('search_synonyms').select('rule').orderBy('position').execute();
    return rows.map((r) => decodeJson<R>(r.rule, null as R));
  }

  /** Replaces the synonym rules. */
  async replaceSynonyms(rules: readonly unknown[], now: number): Promise<void> {
    await this.db.deleteFrom('search_synonyms').execute();
    if (rules.length === 0) return;
    await this.db
      .insertInto('search_synonyms')
      .values(rules.map((rule, position) => ({ position, rule: encodeJson(rule), updated_at: now })))
      .execute();
  }

  /** Merchandising rules, oldest first (later rules add to earlier ones). */
  async rules<R>(): Promise<SearchRuleRecord<R>[]> {
    const rows = await this.db.selectFrom('search_rules').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      query: r.query,
      rule: decodeJson<R>(r.rule, null as R),
      createdAt: Number(r.created_at),
    }));
  }

  /** Adds a merchandising rule. */
  async addRule(r: SearchRuleRecord): Promise<void> {
    await this.db
      .insertInto('search_rules')
      .values({ id: r.id, query: r.query, rule: encodeJson(r.rule), created_at: r.createdAt })
      .execute();
  }

  /** Deletes a rule; false when absent. */
  async deleteRule(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('search_rules').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Search events since `since` (epoch ms), oldest first. */
  async searchEvents(since: number): Promise<SearchEventRow[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['query', 'session_id', 'customer_id', 'anonymous_id', 'ts', 'properties'])
      .where('type', '=', 'search')
      .where('ts', '>=', since)
      .orderBy('ts')
      .execute();
    return rows
      .filter((r) => r.query !== null)
      .map((r) => ({
        query: r.query!,
        sessionId: r.session_id,
        actor: r.customer_id ?? r.anonymous_id,
        ts: Number(r.ts),
        properties: decodeJson<Record<string, unknown>>(r.properties, {}),
      }));
  }

  /**
   * Clicks, add-to-carts and purchases since `since` in sessions with a search since then, oldest first: only
   * those can follow a search (search-analytics.ts). Every session's engagements were read before, 16M rows
   * (~4 GB of heap) on the scale benchmark's full-size log, which has no searches, and the worker died of it.
   */
  async engagements(since: number): Promise<EngagementRow[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['type', 'item_id', 'session_id', 'ts'])
      .where('type', 'in', ['click', 'add_to_cart', 'purchase'])
      .where('ts', '>=', since)
      .where('session_id', 'is not', null)
      .where('item_id', 'is not', null)
      .where('session_id', 'in', (eb) =>
        eb
          .selectFrom('events as searched')
          .select('searched.session_id')
          .where('searched.type', '=', 'search')
          .where('searched.ts', '>=', since)
          .where('searched.session_id', 'is not', null),
      )
      .orderBy('ts')
      .execute();
    return rows.map((r) => ({ type: r.type, itemId: r.item_id!, sessionId: r.session_id!, ts: Number(r.ts) }));
  }

  /** Per item, how many events of each of `types` happened since `since`. */
  async itemEventCounts(since: number, types: readonly string[]): Promise<ItemEventCount[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['item_id', 'type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('type', 'in', [...types])
      .where('ts', '>=', since)
      .where('item_id', 'is not', null)
      .groupBy(['item_id', 'type'])
      .execute();
    return rows.map((r) => ({ itemId: r.item_id!, type: r.type, n: Number(r.n) }));
  }
}
