/** Stores price suggestions and the decisions on them (a pending suggestion is decided once). */
import type { Kysely } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';
import { decidePending } from './decide-pending.js';

/** Where a suggestion stands. */
export type SuggestionStatus = 'pending' | 'accepted' | 'rejected' | 'superseded';

/** A stored suggestion; `body` is the pricing capability's explanation record. */
export interface StoredPriceSuggestion<B = Record<string, unknown>> {
  id: string;
  itemId: string;
  status: SuggestionStatus;
  currentPrice: number;
  suggestedPrice: number;
  body: B;
  createdAt: number;
  decidedAt: number | null;
}

/** Price suggestion persistence. */
export class PriceSuggestionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Marks every pending suggestion superseded and adds the new ones (call inside a transaction). */
  async replacePending(suggestions: readonly StoredPriceSuggestion[], at: number): Promise<void> {
    await this.db
      .updateTable('price_suggestions')
      .set({ status: 'superseded', decided_at: at })
      .where('status', '=', 'pending')
      .execute();
    for (const chunk of chunked(suggestions, 200)) {
      await this.db
        .insertInto('price_suggestions')
        .values(
          chunk.map((s) => ({
            id: s.id,
            item_id: s.itemId,
            status: s.status,
            current_price: s.currentPrice,
            suggested_price: s.suggestedPrice,
            body: encodeJson(s.body),
            created_at: s.createdAt,
            decided_at: s.decidedAt,
          })),
        )
        .execute();
    }
  }

  /** One suggestion. */
  async get(id: string): Promise<StoredPriceSuggestion | undefined> {
    const row = await this.db.selectFrom('price_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Suggestions with a status (default pending), newest first. */
  async list(status: SuggestionStatus = 'pending', limit = 100, offset = 0): Promise<StoredPriceSuggestion[]> {
    const rows = await this.db
      .selectFrom('price_suggestions')
      .selectAll()
      .where('status', '=', status)
      .orderBy('created_at', 'desc')
      .orderBy('item_id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(fromRow);
  }

  /** Replaces a suggestion's body (a decision's follow-up, such as the experiment it started). */
  async setBody(id: string, body: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('price_suggestions')
      .set({ body: encodeJson(body) })
      .where('id', '=', id)
      .execute();
  }

  /** Decides a pending suggestion; false when it is not pending (decided already, superseded or unknown). */
  async decide(id: string, status: 'accepted' | 'rejected', at: number): Promise<boolean> {
    return decidePending(this.db, 'price_suggestions', id, status, at);
  }
}

function fromRow(row: {
  id: string;
  item_id: string;
  status: string;
  current_price: number | string;
  suggested_price: number | string;
  body: unknown;
  created_at: number | string;
  decided_at: number | string | null;
}): StoredPriceSuggestion {
  return {
    id: row.id,
    itemId: row.item_id,
    status: row.status as SuggestionStatus,
    currentPrice: Number(row.current_price),
    suggestedPrice: Number(row.suggested_price),
    body: decodeJson<Record<string, unknown>>(row.body, {}),
    createdAt: Number(row.created_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  };
}
