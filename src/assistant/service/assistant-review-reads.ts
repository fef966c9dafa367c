/**
 * The console's heavier reads over the assistant's log — sessions with their first question and intents, and
 * the open questions grouped by wording — as tasks that run on the review thread (assistant-review-worker.ts)
 * with its own connection, or in-thread where the database cannot be shared.
 */
import type {
  AssistantReviewRepository,
  ListCursor,
  ReviewedTurnRecord,
  SessionFilter,
  SessionSummaryRecord,
} from '../../store/repositories/assistant-review-repository.js';
import { groupQuestions } from '../review/question-groups.js';

/** Answered turns below this classifier probability also count as questions to review. */
export const LOW_CONFIDENCE = 0.5;
/** Most open questions read to group (the newest): it bounds the grouping's time, now on the read thread. */
const QUESTIONS_SCANNED = 500;

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

/** The range and size of the question groups asked for. */
export interface QuestionFilter {
  limit: number;
  from?: number;
  to?: number;
}

/** A read for the review thread. */
export type ReviewTask = { kind: 'sessions'; filter: SessionFilter } | { kind: 'questions'; filter: QuestionFilter };

/** Runs one read against the repository. */
export function runReviewTask(repo: AssistantReviewRepository, task: ReviewTask): Promise<unknown> {
  return task.kind === 'sessions' ? sessions(repo, task.filter) : questions(repo, task.filter);
}

/** Conversations, the most recently active first, each with its first question and its intents. */
async function sessions(repo: AssistantReviewRepository, filter: SessionFilter): Promise<Page<SessionSummary>> {
  const rows = await repo.sessions({ ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const turns = await repo.turnsOfSessions(
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
async function questions(
  repo: AssistantReviewRepository,
  f: QuestionFilter,
): Promise<{
  groups: QuestionGroupView[];
  scanned: number;
}> {
  const turns = await repo.openQuestions({
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
