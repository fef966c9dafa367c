/**
 * A real local HTTP server that speaks the chat completions protocol (plain answers, tool_calls, streaming in
 * pieces) for the assistant's optional model in tests: each request takes the next script, or `fallback`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message as the client sends it. */
export interface WireMessage {
  role: string;
  content: string | null;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}
/** A request as the client sends it. */
export interface WireRequest {
  model: string;
  stream?: boolean;
  tools?: { type: string; function: { name: string } }[];
  messages: WireMessage[];
}
/** What the model server does with one request: answer (text and/or tool calls), fail (500) or never answer. */
export type Script = (
  body: WireRequest,
) => { content?: string; toolCalls?: { name: string; arguments: string }[] } | 'fail' | 'hang';

/** A running stub. */
export interface ChatCompletionsStub {
  /** The base URL to configure (`…/v1`). */
  baseUrl: string;
  /** Scripts for the next requests, in order (each is used once). */
  scripts: Script[];
  /** Requests received, in order. */
  requests: WireRequest[];
  close(): Promise<void>;
}

/** Splits a text into chunks of `size` characters, as a streaming endpoint would send it. */
export const pieces = (text: string, size = 4): string[] => {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
};

/**
 * Starts the stub on a free loopback port; a request without a script gets `fallback` (default: a 500).
 * `pieceDelayMs` spaces a streamed answer's pieces, as a model writing slowly would.
 */
export async function startChatCompletionsStub(
  fallback: Script = () => 'fail',
  pieceDelayMs = 0,
): Promise<ChatCompletionsStub> {
  const stub = { scripts: [] as Script[], requests: [] as WireRequest[] };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as WireRequest;
      stub.requests.push(body);
      const script = stub.scripts.shift() ?? fallback;
      const out = req.url === '/v1/chat/completions' ? script(body) : 'fail';
      if (out === 'hang') return; // Never answers: the turn's deadline must give the built-in reply.
      if (out === 'fail') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom"}');
        return;
      }
      const toolCalls = (out.toolCalls ?? []).map((c, i) => ({
        index: i,
        id: `call_${i}`,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      }));
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            choices: [
              { index: 0, message: { role: 'assistant', content: out.content ?? null, tool_calls: toolCalls } },
            ],
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: unknown) => res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta }] })}\n\n`);
      chunk({ role: 'assistant' });
      if (pieceDelayMs > 0 && toolCalls.length === 0) {
        const rest = pieces(out.content ?? '');
        const next = (): void => {
          const piece = rest.shift();
          if (piece === undefined) res.end('data: [DONE]\n\n');
          else {
            chunk({ content: piece });
            setTimeout(next, pieceDelayMs);
          }
        };
        next();
        return;
      }
      for (const piece of pieces(out.content ?? '')) chunk({ content: piece });
      // Tool calls stream as a head (id, name) then their arguments in pieces, as OpenAI sends them.
      for (const call of toolCalls) {
        chunk({
          tool_calls: [
            { index: call.index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
          ],
        });
        for (const part of pieces(call.function.arguments, 5))
          chunk({ tool_calls: [{ index: call.index, function: { arguments: part } }] });
      }
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(stub, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
