import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { DaogouError } from './errors.js';
import { MemoryStorage } from './storage.js';

/** A client whose assistant calls are recorded and answered with a numbered session. */
function setup(analytics = true) {
  const bodies: Array<Record<string, unknown>> = [];
  let sessions = 0;
  const client = createClient({
    baseUrl: 'http://daogou.test',
    apiKey: 'dg_pub_x',
    storage: new MemoryStorage(),
    consent: { analytics },
    fetch: async (input, init) => {
      // identify() merges the anonymous history first.
      if (new URL(input).pathname === '/v1/identities/merge') return Response.json({ merged: true });
      expect(new URL(input).pathname).toBe('/v1/assistant/messages');
      const body = JSON.parse(init.body as string) as Record<string, unknown>;
      bodies.push(body);
      const sessionId = typeof body.sessionId === 'string' ? body.sessionId : `s${++sessions}`;
      return Response.json({ sessionId, reply: 'ok', intent: 'find', slots: {}, items: [], suggestions: [] });
    },
  });
  return { client, bodies };
}

describe('assistant', () => {
  it('keeps the conversation going with its session id, as the anonymous visitor', async () => {
    const { client, bodies } = setup();
    expect(client.assistant.sessionId()).toBeNull();
    await client.assistant.send('两百块以内的红色连衣裙', { locale: 'zh' });
    await client.assistant.send('便宜点');
    const anonymousId = client.visitor().anonymousId;
    expect(bodies).toEqual([
      { text: '两百块以内的红色连衣裙', anonymousId, locale: 'zh' },
      { text: '便宜点', sessionId: 's1', anonymousId },
    ]);
    expect(client.assistant.sessionId()).toBe('s1');
  });

  it('starts a new conversation for another visitor, on reset and on restart', async () => {
    const { client, bodies } = setup();
    await client.assistant.send('hi');
    await client.identify('C1');
    await client.assistant.send('where is my order');
    expect(bodies[1]).toEqual({ text: 'where is my order', customerId: 'C1' });
    await client.assistant.send('thanks');
    expect(bodies[2]).toMatchObject({ sessionId: 's2', customerId: 'C1' });
    client.reset();
    await client.assistant.send('hello');
    expect(bodies[3]).not.toHaveProperty('sessionId');
    client.assistant.restart();
    await client.assistant.send('hello again');
    expect(bodies[4]).not.toHaveProperty('sessionId');
  });

  it('sends no visitor id without analytics consent', async () => {
    const { client, bodies } = setup(false);
    await client.assistant.send('hello');
    expect(bodies[0]).toEqual({ text: 'hello' });
  });

  it('streams: an error event is thrown as its problem, and a stream without an answer as a network error', async () => {
    const answering = (body: string) =>
      createClient({
        baseUrl: 'http://daogou.test',
        apiKey: 'dg_pub_x',
        storage: new MemoryStorage(),
        fetch: async () => new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } }),
      });
    const problem = { type: 'urn:daogou:problem:internal', title: 'Internal error', status: 500, detail: 'logged' };
    const failed = answering(
      `event: delta\ndata: {"text":"给你"}\n\nevent: error\ndata: ${JSON.stringify(problem)}\n\n`,
    );
    const pieces: string[] = [];
    const error = await failed.assistant.send('hi', { onDelta: (p) => pieces.push(p) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaogouError);
    expect(error).toMatchObject({ status: 500, title: 'Internal error' });
    expect(pieces).toEqual(['给你']);
    const cut = answering('event: delta\ndata: {"text":"给你"}\n\n');
    await expect(cut.assistant.send('hi', { onDelta: () => {} })).rejects.toMatchObject({ status: 0 });
  });
});
