/** Assistant persistence: sessions with their dialogue state, the turn log, FAQ passages. */
import type { Kysely, Selectable } from 'kysely';
import type { AssistantTurnsTable, Database } from '../database.js';

/** A stored session. */
export interface AssistantSessionRecord {
  id: string;
  customerId: string | null;
  anonymousId: string | null;
  /** The dialogue state, opaque here. */
  state: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

/** How a turn went: answered, not answered (out of scope, nothing known), or handed to a person. */
export type TurnOutcome = 'answered' | 'unanswered' | 'handoff';

/** One logged turn. */
export interface AssistantTurnRecord {
  id: string;
  sessionId: string;
  customerId: string | null;
  anonymousId: string | null;
  text: string;
  reply: string;
  intent: string;
  slots: Record<string, unknown>;
  itemIds: string[];
  outcome: TurnOutcome;
  createdAt: number;
  /** The classifier's probability of the intent it proposed (kept for the console's unanswered questions). */
  confidence?: number;
}

/** The source of FAQ passages written in the console; replacing the uploaded documents keeps them. */
export const CONSOLE_FAQ_SOURCE = 'console';

/** A FAQ passage. */
export interface AssistantFaqRecord {
  id: string;
  title: string;
  body: string;
  /** Where it came from (file name). */
  source: string;
  createdAt: number;
}

/** A logged turn from its row (without the confidence, which only the console's review reads). */
export function turnFromRow(r: Selectable<AssistantTurnsTable>): AssistantTurnRecord {
  return {
    id: r.id,
    sessionId: r.session_id,
    customerId: r.customer_id,
    anonymousId: r.anonymous_id,
    text: r.text,
    reply: r.reply,
    intent: r.intent,
    slots: JSON.parse(r.slots) as Record<string, unknown>,
    itemIds: JSON.parse(r.item_ids) as string[],
    outcome: r.outcome as TurnOutcome,
    createdAt: Number(r.created_at),
  };
}

/** Assistant tables. */
export class AssistantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A session that has not expired at `now`. */
  async session(id: string, now: number): Promise<AssistantSessionRecord | undefined> {
    const r = await this.db
      .selectFrom('assistant_sessions')
      .selectAll()
      .where('id', '=', id)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      id: r.id,
      customerId: r.customer_id,
      anonymousId: r.anonymous_id,
      state: JSON.parse(r.state) as unknown,
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
      expiresAt: Number(r.expires_at),
    };
  }

  /** Creates or replaces a session. */
  async saveSession(s: AssistantSessionRecord): Promise<void> {
    const row = {
      id: s.id,
      customer_id: s.customerId,
      anonymous_id: s.anonymousId,
      state: JSON.stringify(s.state),
      created_at: s.createdAt,
      updated_at: s.updatedAt,
      expires_at: s.expiresAt,
    };
    await this.db
      .insertInto('assistant_sessions')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          customer_id: row.customer_id,
          anonymous_id: row.anonymous_id,
          state: row.state,
          updated_at: row.updated_at,
          expires_at: row.expires_at,
        }),
      )
      .execute();
  }

  /** Deletes sessions expired at `now`; returns how many. */
  async deleteExpired(now: number): Promise<number> {
    const r = await this.db.deleteFrom('assistant_sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Appends a turn to the log. */
  async addTurn(t: AssistantTurnRecord): Promise<void> {
    await this.db
      .insertInto('assistant_turns')
      .values({
        id: t.id,
        session_id: t.sessionId,
        customer_id: t.customerId,
        anonymous_id: t.anonymousId,
        text: t.text,
        reply: t.reply,
        intent: t.intent,
        slots: JSON.stringify(t.slots),
        item_ids: JSON.stringify(t.itemIds),
        outcome: t.outcome,
        created_at: t.createdAt,
        confidence: t.confidence ?? null,
      })
      .execute();
  }

  /** Newest turns first, optionally only one outcome or one session. */
  async turns(options: { limit: number; outcome?: TurnOutcome; sessionId?: string }): Promise<AssistantTurnRecord[]> {
    let q = this.db
      .selectFrom('assistant_turns')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.outcome) q = q.where('outcome', '=', options.outcome);
    if (options.sessionId) q = q.where('session_id', '=', options.sessionId);
    return (await q.execute()).map(turnFromRow);
  }

  /** Replaces every FAQ passage from uploaded documents (those written in the console stay). */
  async replaceFaq(records: readonly AssistantFaqRecord[]): Promise<void> {
    await this.db.deleteFrom('assistant_faq').where('source', '<>', CONSOLE_FAQ_SOURCE).execute();
    for (const r of records) {
      await this.db
        .insertInto('assistant_faq')
        .values({ id: r.id, title: r.title, body: r.body, source: r.source, created_at: r.createdAt })
        .execute();
    }
  }

  /** Every FAQ passage. */
  async faq(): Promise<AssistantFaqRecord[]> {
    const rows = await this.db.selectFrom('assistant_faq').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      source: r.source,
      createdAt: Number(r.created_at),
    }));
  }
}
