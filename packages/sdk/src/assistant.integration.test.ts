/**
 * The SDK's assistant against a real Daogou server over a real socket, with the shop's optional model (a real
 * local chat-completions server): the reply streamed in pieces as server-sent events, and the plain JSON
 * answer when the events are not asked for or a server answers with JSON anyway.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putDresses } from '../../../test/assistant/dresses.js';
import { startChatCompletionsStub, type ChatCompletionsStub } from '../../../test/helpers/chat-completions-stub.js';
import { sqliteKind } from '../../../test/helpers/databases.js';
import { startTestServer, type TestServer } from '../../../test/helpers/test-engine.js';
import { createClient, type DaogouClient, type FetchFunction } from './index.js';

// Every fact is in the catalogue (brand, colour, material, price), so it passes the grounding check.
const PHRASED = '给你挑了云裳的红色真丝连衣裙，¥180。喜欢的话我再帮你看看别的颜色！';

describe('SDK assistant against a real server with a model', () => {
  let llm: ChatCompletionsStub;
  let server: TestServer;
  let baseUrl: string;
  let publicKey: string;
  const accepts: string[] = [];

  const client = (fetchFn?: FetchFunction): DaogouClient =>
    createClient({
      baseUrl,
      apiKey: publicKey,
      storage: 'memory',
      fetch: async (input, init) => {
        accepts.push(new Headers(init.headers).get('accept') ?? '');
        return (fetchFn ?? fetch)(input, init);
      },
    });

  beforeAll(async () => {
    llm = await startChatCompletionsStub(() => ({ content: PHRASED }));
    server = await startTestServer(sqliteKind(), {
      assistantLlm: { baseUrl: llm.baseUrl, apiKey: 'sk-test', model: 'tiny-chat', timeoutMs: 5_000 },
    });
    await putDresses(server);
    await server.engine.assistant.warm();
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    publicKey = (await server.engine.keys.create('sdk chat', 'public')).key;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await llm?.close();
  });

  it('shows the reply in pieces as the model writes it, then the whole answer', async () => {
    const chat = client();
    const pieces: Array<[string, string]> = [];
    const answer = await chat.assistant.send('两百块以内的红色连衣裙', {
      onDelta: (piece, soFar) => pieces.push([piece, soFar]),
    });
    expect(accepts.at(-1)).toMatch(/^text\/event-stream/);
    // One piece per grounded sentence, each with the text so far.
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(
      pieces
        .map(([p]) => p)
        .join('')
        .trim(),
    ).toBe(PHRASED);
    expect(pieces.at(-1)![1]).toBe(pieces.map(([p]) => p).join(''));
    expect(answer).toMatchObject({ reply: PHRASED, source: 'llm', intent: 'find', items: [{ id: 'd1' }] });
    // The conversation goes on with the session the streamed answer gave.
    const next = await chat.assistant.send('有没有便宜点的', { onDelta: () => {} });
    expect(next.sessionId).toBe(answer.sessionId);
    await chat.close();
  });

  it('reads a plain JSON answer: without onDelta, and from a server that answers JSON to the events request', async () => {
    const plain = client();
    const answer = await plain.assistant.send('两百块以内的红色连衣裙');
    expect(accepts.at(-1)).toBe('application/json');
    expect(answer).toMatchObject({ reply: PHRASED, source: 'llm', items: [{ id: 'd1' }] });
    await plain.close();

    // As an older server or a proxy would: the request asks for events, the answer is JSON.
    const jsonOnly: FetchFunction = (input, init) =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), accept: 'application/json' } });
    const fallback = client(jsonOnly);
    const pieces: string[] = [];
    const whole = await fallback.assistant.send('两百块以内的红色连衣裙', { onDelta: (piece) => pieces.push(piece) });
    expect(accepts.at(-1)).toMatch(/^text\/event-stream/);
    expect(pieces).toEqual([]);
    expect(whole).toMatchObject({ reply: PHRASED, source: 'llm', items: [{ id: 'd1' }] });
    await fallback.close();
  });
});
