/** The storage contract of the assistant's console reads and review writes, on every backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import type { AssistantTurnRecord } from './repositories/assistant-repository.js';
import { CONSOLE_FAQ_SOURCE } from './repositories/assistant-repository.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 10, 1);
const M = 60_000;

function turn(
  id: string,
  sessionId: string,
  at: number,
  extra: Partial<AssistantTurnRecord> = {},
): AssistantTurnRecord {
  return {
    id,
    sessionId,
    customerId: null,
    anonymousId: `anon-${sessionId}`,
    text: `text ${id}`,
    reply: `reply ${id}`,
    intent: 'find',
    slots: {},
    itemIds: [],
    outcome: 'answered',
    createdAt: T0 + at * M,
    confidence: 0.9,
    ...extra,
  };
}

/** Registers the assistant review storage contract tests for one backend. */
export function assistantReviewStoreContract(kind: TestDatabaseKind): void {
  describe(`assistant review storage contract on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
      const turns = [
        turn('t1', 's1', 0, { intent: 'greeting', text: '你好' }),
        turn('t2', 's1', 1, { outcome: 'unanswered', intent: 'out_of_scope', text: '讲个笑话', confidence: 0.2 }),
        turn('t3', 's2', 2, { customerId: 'c1', anonymousId: null, outcome: 'handoff', intent: 'complaint' }),
        turn('t4', 's2', 3, { customerId: 'c1', anonymousId: null, confidence: 0.4, intent: 'shipping' }),
        turn('t5', 's3', 3, { intent: 'find' }),
        // Logged before confidence was kept: never a low-confidence question.
        turn('t6', 's3', 4, { confidence: undefined }),
      ];
      for (const t of turns) await store.assistant.addTurn(t);
    });
    afterAll(() => closeTestStore(store, database));

    it('lists turns newest first with filters and a cursor that continues after ties', async () => {
      const all = await store.assistantReview.turns({ limit: 10 });
      expect(all.map((t) => t.id)).toEqual(['t6', 't5', 't4', 't3', 't2', 't1']);
      expect(all.find((t) => t.id === 't6')!.confidence).toBeNull();
      expect(all.find((t) => t.id === 't2')).toMatchObject({ confidence: 0.2, resolution: null, resolvedAt: null });
      const first = await store.assistantReview.turns({ limit: 2, from: T0 + 1 * M, to: T0 + 4 * M });
      expect(first.map((t) => t.id)).toEqual(['t5', 't4']);
      const rest = await store.assistantReview.turns({
        limit: 10,
        from: T0 + 1 * M,
        to: T0 + 4 * M,
        after: { at: first[1]!.createdAt, id: first[1]!.id },
      });
      expect(rest.map((t) => t.id)).toEqual(['t3', 't2']);
      expect((await store.assistantReview.turns({ limit: 10, intent: 'complaint' })).map((t) => t.id)).toEqual(['t3']);
      expect((await store.assistantReview.turns({ limit: 10, sessionId: 's1' })).map((t) => t.id)).toEqual([
        't2',
        't1',
      ]);
    });

    it('summarises sessions, most recently active first, filtered by intent and date', async () => {
      const sessions = await store.assistantReview.sessions({ limit: 10 });
      expect(sessions).toEqual([
        {
          sessionId: 's3',
          customerId: null,
          anonymousId: 'anon-s3',
          turns: 2,
          startedAt: T0 + 3 * M,
          lastAt: T0 + 4 * M,
          unanswered: 0,
          handoffs: 0,
        },
        {
          sessionId: 's2',
          customerId: 'c1',
          anonymousId: null,
          turns: 2,
          startedAt: T0 + 2 * M,
          lastAt: T0 + 3 * M,
          unanswered: 0,
          handoffs: 1,
        },
        {
          sessionId: 's1',
          customerId: null,
          anonymousId: 'anon-s1',
          turns: 2,
          startedAt: T0,
          lastAt: T0 + 1 * M,
          unanswered: 1,
          handoffs: 0,
        },
      ]);
      const paged = await store.assistantReview.sessions({ limit: 10, after: { at: T0 + 3 * M, id: 's2' } });
      expect(paged.map((s) => s.sessionId)).toEqual(['s1']);
      const complaints = await store.assistantReview.sessions({ limit: 10, intent: 'complaint' });
      expect(complaints.map((s) => [s.sessionId, s.turns])).toEqual([['s2', 2]]);
      const early = await store.assistantReview.sessions({ limit: 10, to: T0 + 2 * M + 1 });
      expect(early.map((s) => [s.sessionId, s.turns])).toEqual([
        ['s2', 1],
        ['s1', 2],
      ]);
      const turns = await store.assistantReview.turnsOfSessions(['s2', 's1']);
      expect(turns.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
    });

    it('finds open questions: unanswered and low-confidence answered turns', async () => {
      const open = await store.assistantReview.openQuestions({ limit: 10, belowConfidence: 0.5 });
      expect(open.map((t) => t.id)).toEqual(['t4', 't2']);
    });

    it('resolves only open turns, once, and keeps examples and console FAQ passages', async () => {
      expect(await store.assistantReview.resolve(['t3', 'missing'], 'done', T0 + 10 * M)).toEqual(['t3']);
      expect(await store.assistantReview.resolve(['t3'], 'dismissed', T0 + 11 * M)).toEqual([]);
      const [t3] = await store.assistantReview.turnsById(['t3']);
      expect(t3).toMatchObject({ resolution: 'done', resolvedAt: T0 + 10 * M });
      expect(
        (await store.assistantReview.turns({ limit: 10, outcome: 'handoff', status: 'open' })).map((t) => t.id),
      ).toEqual([]);
      expect(
        (await store.assistantReview.turns({ limit: 10, outcome: 'handoff', status: 'resolved' })).map((t) => t.id),
      ).toEqual(['t3']);

      await store.assistantReview.addExample({
        id: 'e2',
        text: '讲个笑话',
        intent: 'out_of_scope',
        turnId: 't2',
        customerId: null,
        anonymousId: 'anon-s1',
        createdAt: T0 + 12 * M,
      });
      await store.assistantReview.addExample({
        id: 'e1',
        text: 'hello there',
        intent: 'greeting',
        turnId: null,
        customerId: null,
        anonymousId: null,
        createdAt: T0 + 12 * M,
      });
      expect((await store.assistantReview.examples()).map((e) => [e.id, e.intent, e.turnId])).toEqual([
        ['e1', 'greeting', null],
        ['e2', 'out_of_scope', 't2'],
      ]);
      expect(await store.assistantReview.deleteExample('e1')).toBe(true);
      expect(await store.assistantReview.deleteExample('e1')).toBe(false);

      await store.assistantReview.addFaqPassage({
        id: 'faq-console-1',
        title: '几点下班',
        body: '客服 9:00–21:00 在线',
        source: CONSOLE_FAQ_SOURCE,
        createdAt: T0,
      });
      await store.assistant.replaceFaq([
        { id: 'faq-doc-0', title: 'Returns', body: '7 days', source: 'doc.md', createdAt: T0 },
      ]);
      await store.assistant.replaceFaq([
        { id: 'faq-doc2-0', title: 'Shipping', body: 'free over 99', source: 'doc2.md', createdAt: T0 },
      ]);
      expect((await store.assistant.faq()).map((f) => f.id)).toEqual(['faq-console-1', 'faq-doc2-0']);
    });
  });
}
