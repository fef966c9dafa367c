/** Stores attribute suggestions read from item images and the decisions on them (a pending one is decided once). */
import type { Kysely } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';
import { decidePending } from './decide-pending.js';

/** Where an attribute suggestion stands. */
export type AttributeSuggestionStatus = 'pending' | 'accepted' | 'rejected' | 'superseded';

/** A stored attribute suggestion; `body` holds what it was read from (e.g. the other candidates). */
export interface StoredAttributeSuggestion {
  id: string;
  itemId: string;
  /** 'category', 'colour' or 'pattern'. */
  field: string;
  value: string;
  /** 0–1. */
  confidence: number;
  /** What produced it (e.g. 'vision:clothing'). */
  source: string;
  status: AttributeSuggestionStatus;
  body: Record<string, unknown>;
  createdAt: number;
  decidedAt: number | null;
}

/** Filters for {@link AttributeSuggestionRepository.list}. */
export interface AttributeSuggestionQuery {
  status?: AttributeSuggestionStatus;
  itemId?: string;
  limit?: number;
  offset?: number;
}

/** Attribute suggestion persistence. */
export class AttributeSuggestionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Marks the item's pending suggestions superseded and adds the new ones (call inside a transaction). A value
   * the merchant already rejected for a field is not offered again.
   */
  async replacePendingForItem(
    itemId: string,
    suggestions: readonly StoredAttributeSuggestion[],
    at: number,
  ): Promise<number> {
    await this.db
      .updateTable('attribute_suggestions')
      .set({ status: 'superseded', decided_at: at })
      .where('item_id', '=', itemId)
      .where('status', '=', 'pending')
      .execute();
    const rejected = await this.db
      .selectFrom('attribute_suggestions')
      .select(['field', 'value'])
      .where('item_id', '=', itemId)
      .where('status', '=', 'rejected')
      .execute();
    const refused = new Set(rejected.map((r) => `${r.field}\u0000${r.value}`));
    const fresh = suggestions.filter((s) => !refused.has(`${s.field}\u0000${s.value}`));
    for (const chunk of chunked(fresh, 200)) {
      await this.db
        .insertInto('attribute_suggestions')
        .values(
          chunk.map((s) => ({
            id: s.id,
            item_id: s.itemId,
            field: s.field,
            value: s.value,
            confidence: s.confidence,
            source: s.source,
            status: s.status,
            body: encodeJson(s.body),
            created_at: s.createdAt,
            decided_at: s.decidedAt,
          })),
        )
        .execute();
    }
    return fresh.length;
  }

  /** One suggestion. */
  async get(id: string): Promise<StoredAttributeSuggestion | undefined> {
    const row = await this.db.selectFrom('attribute_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Suggestions with a status (default pending), most confident first. */
  async list(query: AttributeSuggestionQuery = {}): Promise<StoredAttributeSuggestion[]> {
    let q = this.db
      .selectFrom('attribute_suggestions')
      .selectAll()
      .where('status', '=', query.status ?? 'pending');
    if (query.itemId !== undefined) q = q.where('item_id', '=', query.itemId);
    const rows = await q
      .orderBy('confidence', 'desc')
      .orderBy('item_id')
      .orderBy('field')
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0)
      .execute();
    return rows.map(fromRow);
  }

  /** Decides a pending suggestion; false when it is not pending (decided already, superseded or unknown). */
  async decide(id: string, status: 'accepted' | 'rejected', at: number): Promise<boolean> {
    return decidePending(this.db, 'attribute_suggestions', id, status, at);
  }
}

function fromRow(row: {
  id: string;
  item_id: string;
  field: string;
  value: string;
  confidence: number | string;
  source: string;
  status: string;
  body: unknown;
  created_at: number | string;
  decided_at: number | string | null;
}): StoredAttributeSuggestion {
  return {
    id: row.id,
    itemId: row.item_id,
    field: row.field,
    value: row.value,
    confidence: Number(row.confidence),
    source: row.source,
    status: row.status as AttributeSuggestionStatus,
    body: decodeJson<Record<string, unknown>>(row.body, {}),
    createdAt: Number(row.created_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  };
}
