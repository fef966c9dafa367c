/**
 * The merchant's side of the assistant (the console): the conversation log by session, the unanswered
 * questions grouped by wording, the hand-off queue, and what the merchant does about them — answer a
 * question as a FAQ passage, keep it as a training example, mark a hand-off done, or dismiss it.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import { CONSOLE_FAQ_SOURCE } from '../../store/repositories/assistant-repository.js';
import { TaskThread } from '../../platform/task-thread.js';
import type {
  AssistantExampleRecord,
  ReviewedTurnRecord,
  SessionFilter,
  TurnFilter,
} from '../../store/repositories/assistant-review-repository.js';
import type { Store } from '../../store/store.js';
import { isIntent } from '../understand/intent-model.js';
import {
  runReviewTask,
  type Page,
  type QuestionFilter,
  type QuestionGroupView,
  type ReviewTask,
  type SessionSummary,
} from './assistant-review-reads.js';

export { LOW_CONFIDENCE } from './assistant-review-reads.js';
export type { Page, QuestionGroupView, SessionSummary } from './assistant-review-reads.js';

/** Most turns one action may resolve. */
export const MAX_TURNS_PER_ACTION = 500;

/** The console's reads and actions over the assistant's log. */
export class AssistantReview {
  private readonly thread: TaskThread<ReviewTask>;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Told when a FAQ passage was added, so answers use it at once. */
    private readonly faqChanged: () => void,
    /** The database the read thread opens (grouping questions and summarising sessions run there). */
    databaseUrl: string,
  ) {
    this.thread = new TaskThread({
      callerUrl: import.meta.url,
      module: 'assistant-review-worker',
      label: 'assistant review worker',
      databaseUrl,
      inThread: (task) => runReviewTask(store.assistantReview, task),
    });
  }

  /** Turns newest first, one page. */
  async turns(filter: TurnFilter): Promise<Page<ReviewedTurnRecord>> {
    const rows = await this.store.assistantReview.turns({ ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { rows: page, next: rows.length > filter.limit && last ? { at: last.createdAt, id: last.id } : null };
  }

  /** Conversations, the most recently active first, each with its first question and its intents (off the serving thread). */
  sessions(filter: SessionFilter): Promise<Page<SessionSummary>> {
    return this.thread.run({ kind: 'sessions', filter });
  }

  /** Open unanswered and low-confidence questions, grouped by wording, the largest groups first (off the serving thread). */
  questions(f: QuestionFilter): Promise<{ groups: QuestionGroupView[]; scanned: number }> {
    return this.thread.run({ kind: 'questions', filter: f });
  }

  /** Stops the worker thread. */
  close(): Promise<void> {
    return this.thread.close();
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
