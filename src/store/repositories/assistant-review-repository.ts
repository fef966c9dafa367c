/**
 * The assistant's console reads and the merchant's review of its turns: the conversation log by session,
 * turns filtered by outcome, intent, date and review status, resolving turns (a hand-off done, a question
 * turned into a FAQ passage or a training example, dismissed), and the merchant's example utterances.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AssistantExamplesTable, AssistantTurnsTable, Database } from '../database.js';
import { turnFromRow, type TurnOutcome } from './assistant-repository.js';

/** How the merchant resolved a turn. */
export type TurnResolution = 'done' | 'faq' | 'example' | 'dismissed';

/** A logged turn with its review state. */
export interface ReviewedTurnRecord {
  id: string;
  sessionId: string;
  customerId: string | null;
  anonymousId: string | null;
  text: string;
  reply: string;
  intent: string;
  /** The classifier's probability of the intent it proposed; null for turns logged before it was kept. */
  confidence: number | null;
  slots: Record<string, unknown>;
  itemIds: string[];
  outcome: TurnOutcome;
  createdAt: number;
  resolution: TurnResolution | null;
  resolvedAt: number | null;
}

/** A position in a newest-first list: the last row's time and id. */
export interface ListCursor {
  at: number;
  id: string;
}

/** Which turns to list, newest first. */
export interface TurnFilter {
  limit: number;
  outcome?: TurnOutcome;
  sessionId?: string;
  intent?: string;
  /** Inclusive lower bound, epoch ms. */
  from?: number;
  /** Exclusive upper bound, epoch ms. */
  to?: number;
  /** open: not resolved yet; resolved: resolved in any way. */
  status?: 'open' | 'resolved';
  /** Continue after this turn. */
  after?: ListCursor;
}

/** One conversation in the log: its turns within the range asked for. */
export interface SessionSummaryRecord {
  sessionId: string;
  customerId: string | null;
  anonymousId: string | null;
  turns: number;
  startedAt: number;
  lastAt: number;
  unanswered: number;
  handoffs: number;
}

/** Which sessions to list, most recent first. */
export interface SessionFilter {
  limit: number;
  /** Only sessions with a turn of this intent (in the range). */
  intent?: string;
  from?: number;
  to?: number;
  after?: ListCursor;
}

/** A merchant's example utterance. */
export interface AssistantExampleRecord {
  id: string;
  text: string;
  intent: string;
  /** The turn it was made from, if any (its shopper ids are kept so erasure removes the example). */
  turnId: string | null;
  customerId: string | null;
  anonymousId: string | null;
  createdAt: number;
}

function reviewedTurnFromRow(r: Selectable<AssistantTurnsTable>): ReviewedTurnRecord {
  return {
    ...turnFromRow(r),
    confidence: r.confidence === null ? null : Number(r.confidence),
    resolution: r.resolution as TurnResolution | null,
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}

function exampleFromRow(r: Selectable<AssistantExamplesTable>): AssistantExampleRecord {
  return {
    id: r.id,
    text: r.text,
    intent: r.intent,
    turnId: r.turn_id,
    customerId: r.customer_id,
    anonymousId: r.anonymous_id,
    createdAt: Number(r.created_at),
  };
}

/** Console reads and review writes over the assistant's turn log and examples. */
export class AssistantReviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Turns newest first (ties by id, descending), filtered. */
  async turns(f: TurnFilter): Promise<ReviewedTurnRecord[]> {
    let q = this.db
      .selectFrom('assistant_turns')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    if (f.sessionId) q = q.where('session_id', '=', f.sessionId);
    if (f.intent) q = q.where('intent', '=', f.intent);
    if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('created_at', '<', f.to);
    if (f.status === 'open') q = q.where('resolution', 'is', null);
    if (f.status === 'resolved') q = q.where('resolution', 'is not', null);
    const after = f.after;
    if (after) {
      q = q.where((eb) =>
        eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]),
      );
    }
    return (await q.execute()).map(reviewedTurnFromRow);
  }

  /**
   * Open questions the assistant could not answer well: unanswered turns, and answered ones whose intent the
   * classifier gave less than `belowConfidence`; newest first, at most `limit`.
   */
  async openQuestions(f: {
    limit: number;
    belowConfidence: number;
    from?: number;
    to?: number;
  }): Promise<ReviewedTurnRecord[]> {
    let q = this.db
      .selectFrom('assistant_turns')
      .selectAll()
      .where('resolution', 'is', null)
      .where((eb) =>
        eb.or([
          eb('outcome', '=', 'unanswered'),
          eb.and([eb('outcome', '=', 'answered'), eb('confidence', '<', f.belowConfidence)]),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit);
    if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('created_at', '<', f.to);
    return (await q.execute()).map(reviewedTurnFromRow);
  }

  /** Turns by id (those that exist). */
  async turnsById(ids: readonly string[]): Promise<ReviewedTurnRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('assistant_turns')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return rows.map(reviewedTurnFromRow);
  }

  /** Conversations with turns in the range, the most recently active first. */
  async sessions(f: SessionFilter): Promise<SessionSummaryRecord[]> {
    const lastAt = sql<number>`max(created_at)`;
    let q = this.db
      .selectFrom('assistant_turns')
      .select([
        'session_id',
        sql<string | null>`max(customer_id)`.as('customer_id'),
        sql<string | null>`max(anonymous_id)`.as('anonymous_id'),
        sql<number>`count(*)`.as('turns'),
        sql<number>`min(created_at)`.as('started_at'),
        lastAt.as('last_at'),
        sql<number>`sum(case when outcome = 'unanswered' then 1 else 0 end)`.as('unanswered'),
        sql<number>`sum(case when outcome = 'handoff' then 1 else 0 end)`.as('handoffs'),
      ])
      .groupBy('session_id')
      .orderBy(lastAt, 'desc')
      .orderBy('session_id', 'desc')
      .limit(f.limit);
    if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('created_at', '<', f.to);
    if (f.intent !== undefined) {
      const intent = f.intent;
      let inner = this.db.selectFrom('assistant_turns').select('session_id').where('intent', '=', intent);
      if (f.from !== undefined) inner = inner.where('created_at', '>=', f.from);
      if (f.to !== undefined) inner = inner.where('created_at', '<', f.to);
      q = q.where('session_id', 'in', inner);
    }
    const after = f.after;
    if (after) {
      q = q.having((eb) =>
        eb.or([eb(lastAt, '<', after.at), eb.and([eb(lastAt, '=', after.at), eb('session_id', '<', after.id)])]),
      );
    }
    const rows = await q.execute();
    return rows.map((r) => ({
      sessionId: r.session_id,
      customerId: r.customer_id,
      anonymousId: r.anonymous_id,
      turns: Number(r.turns),
      startedAt: Number(r.started_at),
      lastAt: Number(r.last_at),
      unanswered: Number(r.unanswered),
      handoffs: Number(r.handoffs),
    }));
  }

  /** The turns of some sessions, oldest first within each (the log's first question and intents). */
  async turnsOfSessions(
    sessionIds: readonly string[],
    range: { from?: number; to?: number } = {},
  ): Promise<ReviewedTurnRecord[]> {
    if (sessionIds.length === 0) return [];
    let q = this.db
      .selectFrom('assistant_turns')
      .selectAll()
      .where('session_id', 'in', [...sessionIds])
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc');
    if (range.from !== undefined) q = q.where('created_at', '>=', range.from);
    if (range.to !== undefined) q = q.where('created_at', '<', range.to);
    return (await q.execute()).map(reviewedTurnFromRow);
  }

  /** Marks open turns resolved; returns the ids it changed (turns already resolved are left as they are). */
  async resolve(ids: readonly string[], resolution: TurnResolution, at: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const open = await this.db
      .selectFrom('assistant_turns')
      .select('id')
      .where('id', 'in', [...ids])
      .where('resolution', 'is', null)
      .execute();
    const changed = open.map((r) => r.id);
    if (changed.length === 0) return [];
    await this.db
      .updateTable('assistant_turns')
      .set({ resolution, resolved_at: at })
      .where('id', 'in', changed)
      .where('resolution', 'is', null)
      .execute();
    return changed;
  }

  /** Adds a merchant's example utterance. */
  async addExample(e: AssistantExampleRecord): Promise<void> {
    await this.db
      .insertInto('assistant_examples')
      .values({
        id: e.id,
        text: e.text,
        intent: e.intent,
        turn_id: e.turnId,
        customer_id: e.customerId,
        anonymous_id: e.anonymousId,
        created_at: e.createdAt,
      })
      .execute();
  }

  /** Every example utterance, oldest first (a stable training order). */
  async examples(): Promise<AssistantExampleRecord[]> {
    const rows = await this.db
      .selectFrom('assistant_examples')
      .selectAll()
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
    return rows.map(exampleFromRow);
  }

  /** Deletes an example; whether it existed. */
  async deleteExample(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('assistant_examples').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Adds one FAQ passage (a question the merchant answered in the console). */
  async addFaqPassage(p: {
    id: string;
    title: string;
    body: string;
    source: string;
    createdAt: number;
  }): Promise<void> {
    await this.db
      .insertInto('assistant_faq')
      .values({ id: p.id, title: p.title, body: p.body, source: p.source, created_at: p.createdAt })
      .execute();
  }
}
