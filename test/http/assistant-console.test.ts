/**
 * The assistant's console API over HTTP: the conversation log by session and turn (filters, paging), the
 * unanswered questions grouped by wording, a question answered as a FAQ passage (and the assistant using it
 * at once), a training example, the hand-off queue, bad input as problems, and the keys that may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';
import { TEST_NOW } from '../helpers/test-time.js';

interface Turn {
  id: string;
  sessionId: string;
  text: string;
  intent: string;
  outcome: string;
  resolution: string | null;
  confidence: number | null;
}
interface Group {
  text: string;
  count: number;
  turnIds: string[];
  reasons: Record<string, number>;
  intent: string;
}

describe('assistant console API', () => {
  let server: TestServer;
  let now = TEST_NOW;
  const admin = (): Record<string, string> => ({ authorization: `Bearer ${server.keys.admin}` });
  const get = (url: string, key?: string) =>
    server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key ?? server.keys.admin}` } });
  const post = (url: string, payload: Record<string, unknown>) =>
    server.app.inject({ method: 'POST', url, headers: admin(), payload });
  const say = async (text: string, sessionId?: string): Promise<string> => {
    now += 60_000;
    const r = await server.app.inject({
      method: 'POST',
      url: '/v1/assistant/messages',
      headers: { authorization: `Bearer ${server.keys.public}` },
      payload: { text, anonymousId: 'shopper-1', ...(sessionId ? { sessionId } : {}) },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<{ sessionId: string }>().sessionId;
  };

  beforeAll(async () => {
    server = await startTestServer(sqliteKind(), {}, () => now);
    await server.app.inject({
      method: 'PUT',
      url: '/v1/items/d1',
      headers: admin(),
      payload: { id: 'd1', title: '红色连衣裙', category: '女装/连衣裙', price: 180, stock: 5 },
    });
    const a = await say('你好');
    await say('你们几点下班', a);
    const b = await say('你们几点下班呀');
    await say('tell me a joke', b);
    const c = await say('我要投诉，转人工');
    await say('你们几点下班？', c);
  }, 120_000);
  afterAll(async () => server?.close());

  it('lists conversations with their first question, filtered by intent and date, paged', async () => {
    const all = await get('/v1/assistant/sessions?limit=2');
    expect(all.statusCode, all.body).toBe(200);
    const page = all.json<{ sessions: Array<{ firstText: string; turns: number; intents: string[] }>; next: string }>();
    expect(page.sessions.map((s) => s.firstText)).toEqual(['我要投诉，转人工', '你们几点下班呀']);
    expect(page.sessions[0]!.turns).toBe(2);
    const rest = await get(`/v1/assistant/sessions?limit=2&after=${encodeURIComponent(page.next)}`);
    expect(rest.json<{ sessions: Array<{ firstText: string }>; next: null }>()).toMatchObject({
      sessions: [{ firstText: '你好' }],
      next: null,
    });
    const complaints = await get('/v1/assistant/sessions?intent=complaint');
    expect(complaints.json<{ sessions: Array<{ firstText: string }> }>().sessions.map((s) => s.firstText)).toEqual([
      '我要投诉，转人工',
    ]);
    const early = await get(`/v1/assistant/sessions?to=${new Date(TEST_NOW + 150_000).toISOString()}`);
    expect(early.json<{ sessions: Array<{ turns: number }> }>().sessions.map((s) => s.turns)).toEqual([2]);
  });

  it('groups unanswered questions by wording, the largest first', async () => {
    const r = await get('/v1/assistant/questions');
    expect(r.statusCode, r.body).toBe(200);
    const { groups } = r.json<{ groups: Group[] }>();
    expect(groups[0]).toMatchObject({ count: 3, intent: 'out_of_scope' });
    expect(groups[0]!.text).toMatch(/^你们几点下班/);
    expect(groups.map((g) => g.text)).toContain('tell me a joke');
    expect(groups.flatMap((g) => g.turnIds)).toHaveLength(groups.reduce((n, g) => n + g.count, 0));
  });

  it('answers a group as a FAQ passage: its turns leave the queue and the assistant answers from it', async () => {
    const { groups } = (await get('/v1/assistant/questions')).json<{ groups: Group[] }>();
    const hours = groups.find((g) => g.text.startsWith('你们几点下班'))!;
    const added = await post('/v1/assistant/faq/passages', {
      question: '客服几点下班？营业时间',
      answer: '在线客服每天 9:00–21:00。',
      turnIds: hours.turnIds,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<{ resolved: string[] }>().resolved.sort()).toEqual([...hours.turnIds].sort());
    const after = (await get('/v1/assistant/questions')).json<{ groups: Group[] }>();
    expect(after.groups.some((g) => g.text.startsWith('你们几点下班'))).toBe(false);
    // The next shopper who asks it gets the merchant's answer.
    now += 60_000;
    const asked = await server.app.inject({
      method: 'POST',
      url: '/v1/assistant/messages',
      headers: { authorization: `Bearer ${server.keys.public}` },
      payload: { text: '你们客服几点下班' },
    });
    expect(asked.json<{ reply: string; items: unknown[] }>()).toMatchObject({
      reply: '在线客服每天 9:00–21:00。',
      items: [],
    });
    // Replacing the uploaded documents keeps what was written in the console.
    const replaced = await server.app.inject({
      method: 'PUT',
      url: '/v1/assistant/faq',
      headers: admin(),
      payload: { documents: [{ name: 'returns.md', format: 'markdown', content: '# 退货\n7天无理由退货' }] },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const faq = await server.engine.store.assistant.faq();
    expect(faq.map((f) => f.title).sort()).toEqual(['客服几点下班？营业时间', '退货']);
  });

  it('keeps a question as a training example', async () => {
    const { groups } = (await get('/v1/assistant/questions')).json<{ groups: Group[] }>();
    const joke = groups.find((g) => g.text === 'tell me a joke')!;
    const r = await post('/v1/assistant/examples', {
      text: 'tell me a joke',
      intent: 'out_of_scope',
      turnIds: joke.turnIds,
    });
    expect(r.statusCode, r.body).toBe(201);
    const { example } = r.json<{ example: { id: string; turnId: string } }>();
    expect(example.turnId).toBe(joke.turnIds[0]);
    expect((await server.engine.assistantReview.examples()).map((e) => [e.text, e.intent])).toEqual([
      ['tell me a joke', 'out_of_scope'],
    ]);
    const resolved = await get(`/v1/assistant/turns?status=resolved&intent=out_of_scope`);
    expect(resolved.json<{ turns: Turn[] }>().turns.map((t) => t.resolution)).toContain('example');
    const del = await server.app.inject({
      method: 'DELETE',
      url: `/v1/assistant/examples/${example.id}`,
      headers: admin(),
    });
    expect(del.statusCode).toBe(204);
    const again = await server.app.inject({
      method: 'DELETE',
      url: `/v1/assistant/examples/${example.id}`,
      headers: admin(),
    });
    expect(again.statusCode).toBe(404);
  });

  it('keeps a hand-off queue: open it, read the conversation, mark it done', async () => {
    const open = await get('/v1/assistant/turns?outcome=handoff&status=open');
    const [handoff] = open.json<{ turns: Turn[] }>().turns;
    expect(handoff).toMatchObject({ text: '我要投诉，转人工', outcome: 'handoff', resolution: null });
    expect(handoff!.confidence).toBeGreaterThan(0);
    const conversation = await get(`/v1/assistant/turns?sessionId=${handoff!.sessionId}`);
    expect(conversation.json<{ turns: Turn[] }>().turns.map((t) => t.text)).toEqual([
      '你们几点下班？',
      '我要投诉，转人工',
    ]);
    const notHandoff = conversation.json<{ turns: Turn[] }>().turns[0]!.id;
    const wrong = await post('/v1/assistant/turns/resolve', { turnIds: [notHandoff], resolution: 'done' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('turnIds');
    const done = await post('/v1/assistant/turns/resolve', { turnIds: [handoff!.id], resolution: 'done' });
    expect(done.json()).toEqual({ resolved: [handoff!.id] });
    expect((await get('/v1/assistant/turns?outcome=handoff&status=open')).json<{ turns: Turn[] }>().turns).toEqual([]);
  });

  it('rejects bad input with a problem naming it, and writes nothing', async () => {
    const cases: Array<[string, string]> = [
      ['/v1/assistant/sessions?intent=nonsense', 'intent'],
      ['/v1/assistant/sessions?from=yesterday', 'from'],
      ['/v1/assistant/turns?after=garbage', 'after'],
      ['/v1/assistant/turns?limit=0', 'limit'],
      ['/v1/assistant/questions?from=2026-11-02&to=2026-11-01', 'to'],
    ];
    for (const [url, field] of cases) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body, url).toContain(field);
    }
    const before = (await server.engine.store.assistant.faq()).length;
    const unknown = await post('/v1/assistant/faq/passages', { question: 'q', answer: 'a', turnIds: ['nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('nope');
    expect((await server.engine.store.assistant.faq()).length).toBe(before);
    const blank = await post('/v1/assistant/examples', { text: '   ', intent: 'greeting' });
    expect(blank.statusCode).toBe(400);
    const badIntent = await post('/v1/assistant/examples', { text: 'hi', intent: 'party' });
    expect(badIntent.statusCode).toBe(400);
    expect((await server.engine.store.assistantReview.examples()).length).toBe(0);
    const reserved = await server.app.inject({
      method: 'PUT',
      url: '/v1/assistant/faq',
      headers: admin(),
      payload: { documents: [{ name: 'console', format: 'markdown', content: '# x\ny' }] },
    });
    expect(reserved.statusCode).toBe(400);
  });

  it('is for the admin key only: the browser key reads no conversation', async () => {
    for (const url of ['/v1/assistant/sessions', '/v1/assistant/turns', '/v1/assistant/questions']) {
      expect((await get(url, server.keys.public)).statusCode, url).toBe(403);
      expect((await get(url, server.keys.ingest)).statusCode, url).toBe(403);
    }
    const write = await server.app.inject({
      method: 'POST',
      url: '/v1/assistant/examples',
      headers: { authorization: `Bearer ${server.keys.public}` },
      payload: { text: 'hi', intent: 'greeting' },
    });
    expect(write.statusCode).toBe(403);
  });
});
