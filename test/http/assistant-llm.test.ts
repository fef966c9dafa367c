/**
 * The assistant with its optional model, against a real local HTTP server that speaks the chat completions
 * protocol (plain answers, tool_calls, streaming): phrasing, hard messages answered through Daogou's tools,
 * the grounding check, timeouts and errors falling back to the built-in reply, and server-sent events.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { putDresses } from '../assistant/dresses.js';
import { startChatCompletionsStub, type ChatCompletionsStub, type Script } from '../helpers/chat-completions-stub.js';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

describe('assistant with an LLM (a real local chat-completions server)', () => {
  let llm: ChatCompletionsStub;
  let server: TestServer;

  beforeAll(async () => {
    llm = await startChatCompletionsStub();
    server = await startTestServer(sqliteKind(), {
      assistantLlm: { baseUrl: llm.baseUrl, apiKey: 'sk-test', model: 'tiny-chat', timeoutMs: 1_500 },
    });
    const admin = { authorization: `Bearer ${server.keys.admin}` };
    await putDresses(server);
    const faq = await server.app.inject({
      method: 'PUT',
      url: '/v1/assistant/faq',
      headers: admin,
      payload: {
        documents: [{ name: 'policies.md', format: 'markdown', content: '# 退货政策\n签收后7天内可无理由退货。\n' }],
      },
    });
    expect(faq.statusCode, faq.body).toBe(200);
    await server.engine.assistant.warm();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await llm?.close();
  });
  beforeEach(() => {
    llm.scripts.length = 0;
    llm.requests.length = 0;
  });

  const send = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/assistant/messages',
      headers: { authorization: `Bearer ${server.keys.public}`, ...headers },
      payload,
    });
  type Answer = { reply: string; source: string; intent: string; items: { id: string }[] };
  /** Events of a text/event-stream body, in order. */
  const events = (body: string) =>
    body
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => {
        const event = /^event: (.*)$/m.exec(block)![1]!;
        const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Record<string, unknown>;
        return { event, data };
      });

  it('phrases a confident answer in its own words when every fact is grounded, streamed as events', async () => {
    const phrased = '给你挑了云裳的红色真丝连衣裙，¥180，有货。喜欢的话我再帮你看看别的颜色！';
    llm.scripts = [() => ({ content: phrased })];
    const r = await send({ text: '两百块以内的红色连衣裙', stream: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/);
    const all = events(r.body);
    const deltas = all.filter((e) => e.event === 'delta').map((e) => e.data.text as string);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.join('').trim()).toBe(phrased);
    const last = all[all.length - 1]!;
    expect(last.event).toBe('message');
    expect(last.data).toMatchObject({ reply: phrased, source: 'llm', intent: 'find', items: [{ id: 'd1' }] });
    // The model was asked with the built-in reply and the products' facts, with no tools to call.
    expect(llm.requests[0]!.model).toBe('tiny-chat');
    expect(llm.requests[0]!.tools).toBeUndefined();
    expect(llm.requests[0]!.messages[1]!.content).toContain('红色真丝连衣裙');
  });

  it('falls back to the built-in reply when the model states a price, discount or policy nothing backs', async () => {
    for (const invented of [
      '这条红色真丝连衣裙现在只要¥99！',
      '红色真丝连衣裙¥180。今天下单包邮。',
      'We have the "Crimson Gala Gown" in red for ¥180.',
    ]) {
      llm.scripts = [() => ({ content: invented })];
      const r = await send({ text: '两百块以内的红色连衣裙', stream: true });
      const all = events(r.body);
      const deltas = all
        .filter((e) => e.event === 'delta')
        .map((e) => e.data.text as string)
        .join('');
      const final = all[all.length - 1]!.data as Answer;
      expect(final.source, invented).toBe('builtin');
      expect(final.reply).toContain('红色真丝连衣裙');
      expect(final.reply).not.toBe(invented);
      // Only sentences that passed were streamed: never the invented part.
      expect(deltas).not.toMatch(/99|包邮|Crimson/);
    }
  });

  it('answers a hard message through the search tool, showing the products the reply names', async () => {
    llm.scripts = [
      (body) => {
        expect(body.tools!.map((t) => t.function.name).sort()).toEqual([
          'order_status',
          'recommend_products',
          'search_faq',
          'search_products',
        ]);
        return { toolCalls: [{ name: 'search_products', arguments: '{"query":"silk dress","price_max":200}' }] };
      },
      (body) => {
        const tool = body.messages.find((m) => m.role === 'tool')!;
        expect(body.messages.find((m) => m.role === 'assistant')!.tool_calls![0]!.function.arguments).toBe(
          '{"query":"silk dress","price_max":200}',
        );
        const { products } = JSON.parse(tool.content!) as { products: { titleEn: string; price: number }[] };
        return { content: `For a garden party, the ${products[0]!.titleEn} at ¥${products[0]!.price} would suit.` };
      },
    ];
    const r = await send({ text: 'my cousin is having a garden party, any idea what I could wear?' });
    const body = r.json<Answer>();
    expect(body).toMatchObject({
      source: 'llm',
      reply: 'For a garden party, the Red silk dress at ¥180 would suit.',
      items: [{ id: 'd1' }],
    });
    expect(llm.requests).toHaveLength(2);
    // The session remembers what the model showed: "the first one" is the dress.
    llm.scripts = [() => 'fail'];
    const next = await send({
      text: 'what is the first one made of',
      sessionId: r.json<{ sessionId: string }>().sessionId,
    });
    expect(next.json<Answer>().reply).toMatch(/真丝|silk/i);
  });

  it('answers a policy question from the FAQ tool, and refuses a policy the FAQ does not state', async () => {
    const faqThenSay = (say: string): Script[] => [
      () => ({ toolCalls: [{ name: 'search_faq', arguments: '{"question":"退货"}' }] }),
      (body) => {
        const passages = JSON.parse(body.messages.find((m) => m.role === 'tool')!.content!) as { passages: unknown[] };
        expect(passages.passages).toHaveLength(1);
        return { content: say };
      },
    ];
    llm.scripts = faqThenSay('可以的：签收后7天内可无理由退货。');
    const ok = await send({ text: '买回来不喜欢的东西能不能还回去呀' });
    expect(ok.json<Answer>()).toMatchObject({ source: 'llm', reply: '可以的：签收后7天内可无理由退货。', items: [] });
    llm.scripts = faqThenSay('可以的：签收后30天内可无理由退货，还包邮。');
    const invented = await send({ text: '买回来不喜欢的东西能不能还回去呀' });
    expect(invented.json<Answer>().source).toBe('builtin');
  });

  it('keeps the honest built-in reply when the model answers a hard message without any tool', async () => {
    llm.scripts = [() => ({ content: 'Why did the chicken cross the road? To get to the other side.' })];
    const r = await send({ text: 'tell me a joke about chickens' });
    expect(r.json<Answer>()).toMatchObject({ source: 'builtin', intent: 'out_of_scope', items: [] });
    expect(r.json<Answer>().reply).toMatch(/can't help/);
  });

  it('sends the built-in reply when the endpoint fails or does not answer in time', async () => {
    llm.scripts = [() => 'fail'];
    const failed = await send({ text: '两百块以内的红色连衣裙' });
    expect(failed.json<Answer>()).toMatchObject({ source: 'builtin', items: [{ id: 'd1' }] });
    llm.scripts = [() => 'hang'];
    const slow = await send({ text: '两百块以内的红色连衣裙' }, { accept: 'text/event-stream' });
    const all = events(slow.body);
    expect(all.map((e) => e.event)).toEqual(['message']);
    expect(all[0]!.data).toMatchObject({ source: 'builtin', items: [{ id: 'd1' }] });
  });

  it('keeps a complaint with the built-in hand-off, without asking the model', async () => {
    const r = await send({ text: '我要投诉，转人工' });
    expect(r.json<Answer>()).toMatchObject({ source: 'builtin', intent: 'complaint' });
    expect(llm.requests).toHaveLength(0);
  });
});
