/**
 * The merchant's side of the assistant (the console): the conversation log by session, the unanswered
 * questions grouped by wording, the hand-off queue, and what the merchant does about them — answer a
 * question as a FAQ passage, keep it as a training example, mark a hand-off done, or dismiss it.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import { CONSOLE_FAQ_SOURCE } from '../../store/repositories/assistant-repository.js';
import type {
  AssistantExampleRecord,
  ListCursor,
  ReviewedTurnRecord,
  SessionFilter,
  SessionSummaryRecord,
  TurnFilter,
} from '../../store/repositories/assistant-review-repository.js';
import type { Store } from '../../store/store.js';
import { groupQuestions } from '../review/question-groups.js';
import { isIntent } from '../understand/intent-model.js';

/** Answered turns below this classifier probability also count as questions to review. */
export const LOW_CONFIDENCE = 0.5;
/** Most open questions read to group (the newest): grouping runs on the serving thread, so it stays small. */
const QUESTIONS_SCANNED = 500;
/** Most turns one action may resolve. */
export const MAX_TURNS_PER_ACTION = 500;

/** A session in the log, with its first question and the intents seen. */
export interface SessionSummary extends SessionSummaryRecord {
  firstText: string;
  intents: string[];
}

/** An unanswered question, grouped with its rewordings. */
export interface QuestionGroupView {
  text: string;
  count: number;
  texts: Array<{ text: string; count: number }>;
  turnIds: string[];
  lastAt: number;
  /** Distinct conversations it came from. */
  sessions: number;
  /** Why its turns are here: out of scope, nothing found, no FAQ passage, a low-confidence intent. */
  reasons: Record<string, number>;
  /** The intent the classifier proposed most often (a starting point for a training example). */
  intent: string;
}

/** A page of a newest-first list and where the next page starts. */
export interface Page<T> {
  rows: T[];
  next: ListCursor | null;
}

function reasonOf(t: ReviewedTurnRecord): string {
  if (t.outcome !== 'unanswered') return 'low_confidence';
  if (t.intent === 'out_of_scope') return 'out_of_scope';
  if (t.intent === 'find' || t.intent === 'refine') return 'nothing_found';
  if (t.intent === 'shipping' || t.intent === 'returns' || t.intent === 'payment') return 'no_faq';
  return 'not_answered';
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  return best;
}

/** The console's reads and actions over the assistant's log. */
export class AssistantReview {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Told when a FAQ passage was added, so answers use it at once. */
    private readonly faqChanged: () => void,
  ) {}

  /** Turns newest first, one page. */
  async turns(filter: TurnFilter): Promise<Page<ReviewedTurnRecord>> {
    const rows = await this.store.assistantReview.turns({ ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { rows: page, next: rows.length > filter.limit && last ? { at: last.createdAt, id: last.id } : null };
  }

  /** Conversations, the most recently active first, each with its first question and its intents. */
  async sessions(filter: SessionFilter): Promise<Page<SessionSummary>> {
    const rows = await this.store.assistantReview.sessions({ ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const turns = await this.store.assistantReview.turnsOfSessions(
      page.map((s) => s.sessionId),
      {
        ...(filter.from !== undefined ? { from: filter.from } : {}),
        ...(filter.to !== undefined ? { to: filter.to } : {}),
      },
    );
    const bySession = new Map<string, ReviewedTurnRecord[]>();
    for (const t of turns) {
      const list = bySession.get(t.sessionId);
      if (list) list.push(t);
      else bySession.set(t.sessionId, [t]);
    }
    const last = page[page.length - 1];
    return {
      rows: page.map((s) => {
        const own = bySession.get(s.sessionId) ?? [];
        return { ...s, firstText: own[0]?.text ?? '', intents: [...new Set(own.map((t) => t.intent))] };
      }),
      next: rows.length > filter.limit && last ? { at: last.lastAt, id: last.sessionId } : null,
    };
  }

  /** Open unanswered and low-confidence questions, grouped by wording, the largest groups first. */
  async questions(f: { limit: number; from?: number; to?: number }): Promise<{
    groups: QuestionGroupView[];
    scanned: number;
  }> {
    const turns = await this.store.assistantReview.openQuestions({
      limit: QUESTIONS_SCANNED,
      belowConfidence: LOW_CONFIDENCE,
      ...(f.from !== undefined ? { from: f.from } : {}),
      ...(f.to !== undefined ? { to: f.to } : {}),
    });
    const byId = new Map(turns.map((t) => [t.id, t]));
    const groups = groupQuestions(turns.map((t) => ({ id: t.id, text: t.text, at: t.createdAt })))
      .slice(0, f.limit)
      .map((g) => {
        const members = g.ids.map((id) => byId.get(id)!);
        const reasons: Record<string, number> = {};
        for (const t of members) reasons[reasonOf(t)] = (reasons[reasonOf(t)] ?? 0) + 1;
        return {
          text: g.text,
          count: g.count,
          texts: g.texts,
          turnIds: g.ids,
          lastAt: g.lastAt,
          sessions: new Set(members.map((t) => t.sessionId)).size,
          reasons,
          intent: mostCommon(members.map((t) => t.intent)),
        };
      });
    return { groups, scanned: turns.length };
  }

  /** Checks that every id names a logged turn (naming the first that does not) and returns the turns. */
  private async existingTurns(turnIds: readonly string[]): Promise<ReviewedTurnRecord[]> {
    const unique = [...new Set(turnIds)];
    if (unique.length > MAX_TURNS_PER_ACTION) {
      throw new ValidationError([{ field: 'turnIds', message: `at most ${MAX_TURNS_PER_ACTION} turns at once` }]);
    }
    const found = await this.store.assistantReview.turnsById(unique);
    const known = new Set(found.map((t) => t.id));
    const missing = unique.find((id) => !known.has(id));
    if (missing !== undefined) {
      throw new ValidationError([{ field: 'turnIds', message: `no assistant turn ${JSON.stringify(missing)}` }]);
    }
    return found;
  }

  /** Answers a question as a FAQ passage (kept when the FAQ documents are replaced) and resolves its turns. */
  async addFaq(input: { question: string; answer: string; turnIds?: readonly string[] }): Promise<{
    id: string;
    resolved: string[];
  }> {
    const question = input.question.trim();
    const answer = input.answer.trim();
    if (question === '') throw new ValidationError([{ field: 'question', message: 'must not be blank' }]);
    if (answer === '') throw new ValidationError([{ field: 'answer', message: 'must not be blank' }]);
    await this.existingTurns(input.turnIds ?? []);
    const now = this.clock();
    const id = `faq-${CONSOLE_FAQ_SOURCE}-${randomUUID()}`;
    const resolved = await this.store.transaction(async (repos) => {
      await repos.assistantReview.addFaqPassage({
        id,
        title: question,
        body: answer,
        source: CONSOLE_FAQ_SOURCE,
        createdAt: now,
      });
      return repos.assistantReview.resolve(input.turnIds ?? [], 'faq', now);
    });
    this.faqChanged();
    return { id, resolved };
  }

  /** Keeps an utterance as a training example of an intent and resolves the turns it came from. */
  async addExample(input: { text: string; intent: string; turnIds?: readonly string[] }): Promise<{
    example: AssistantExampleRecord;
    resolved: string[];
  }> {
    const text = input.text.trim();
    if (text === '') throw new ValidationError([{ field: 'text', message: 'must not be blank' }]);
    if (!isIntent(input.intent)) {
      throw new ValidationError([{ field: 'intent', message: `unknown intent ${JSON.stringify(input.intent)}` }]);
    }
    const turns = await this.existingTurns(input.turnIds ?? []);
    // The shopper's ids stay with an example made from their words, so erasing them removes it too.
    const source = turns.find((t) => t.text.trim() === text) ?? turns[0];
    const now = this.clock();
    const example: AssistantExampleRecord = {
      id: `ex-${randomUUID()}`,
      text,
      intent: input.intent,
      turnId: source?.id ?? null,
      customerId: source?.customerId ?? null,
      anonymousId: source?.anonymousId ?? null,
      createdAt: now,
    };
    const resolved = await this.store.transaction(async (repos) => {
      await repos.assistantReview.addExample(example);
      return repos.assistantReview.resolve(input.turnIds ?? [], 'example', now);
    });
    return { example, resolved };
  }

  /** The merchant's example utterances, oldest first. */
  examples(): Promise<AssistantExampleRecord[]> {
    return this.store.assistantReview.examples();
  }

  /** Deletes an example; whether it existed. */
  deleteExample(id: string): Promise<boolean> {
    return this.store.assistantReview.deleteExample(id);
  }

  /** Marks hand-offs done or questions dismissed; `done` applies to hand-offs only. Returns the ids changed. */
  async resolve(turnIds: readonly string[], resolution: 'done' | 'dismissed'): Promise<string[]> {
    const turns = await this.existingTurns(turnIds);
    if (resolution === 'done') {
      const other = turns.find((t) => t.outcome !== 'handoff');
      if (other) {
        throw new ValidationError([
          { field: 'turnIds', message: `turn ${JSON.stringify(other.id)} is not a hand-off (use "dismissed")` },
        ]);
      }
    }
    return this.store.assistantReview.resolve(turnIds, resolution, this.clock());
  }
}
