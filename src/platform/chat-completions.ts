/**
 * One client for OpenAI-compatible chat completions endpoints (a local vLLM or Ollama, or a hosted one), shared
 * by every capability with an optional LLM (content's copy writer, the assistant): plain answers, tool calls
 * (`tools` / `tool_calls`) and streaming (`stream: true`, server-sent events), with one deadline per call.
 */

/** Where the model is. */
export interface ChatEndpoint {
  /** e.g. http://localhost:11434/v1; the client posts to {baseUrl}/chat/completions. */
  baseUrl: string;
  /** Bearer key; null when the endpoint needs none. */
  apiKey: string | null;
  model: string;
}

/** A tool call the model asked for; `arguments` is the JSON text the model wrote. */
export interface ChatToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One message of the conversation sent to the model. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ChatToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** A function the model may call: its name, what it does and its JSON Schema parameters. */
export interface ChatTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** What is asked of the model. */
export interface ChatRequest {
  messages: readonly ChatMessage[];
  tools?: readonly ChatTool[];
  temperature?: number;
  seed?: number;
}

/** Per-call options. */
export interface ChatCallOptions {
  /** Cancels the call (e.g. the turn's deadline). */
  signal?: AbortSignal;
  /** Streams the answer: called with each piece of content as it arrives. */
  onContent?: (piece: string) => void;
}

/** The model's answer: its text and the tools it wants called (empty when it answered). */
export interface ChatReply {
  content: string;
  toolCalls: ChatToolCall[];
}

type WireToolCall = { id?: string; index?: number; function?: { name?: string; arguments?: string } };
type WireMessage = { content?: string | null; tool_calls?: WireToolCall[] };

function wireMessage(m: ChatMessage): Record<string, unknown> {
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  if (m.role === 'assistant' && m.toolCalls && m.toolCalls.length > 0) {
    return {
      role: 'assistant',
      content: m.content,
      tool_calls: m.toolCalls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      })),
    };
  }
  return { role: m.role, content: m.content };
}

/** A chat completions client for one endpoint. */
export class ChatCompletions {
  constructor(
    private readonly endpoint: ChatEndpoint,
    /** Longest a call may take unless the caller's signal says less. */
    private readonly timeoutMs = 20_000,
  ) {}

  /** Asks the model; throws on an HTTP error, a timeout, a cancelled signal or a malformed answer. */
  async chat(request: ChatRequest, options: ChatCallOptions = {}): Promise<ChatReply> {
    const stream = options.onContent !== undefined;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const response = await fetch(`${this.endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.endpoint.apiKey ? { authorization: `Bearer ${this.endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: this.endpoint.model,
        messages: request.messages.map(wireMessage),
        ...(request.tools && request.tools.length > 0
          ? { tools: request.tools.map((t) => ({ type: 'function', function: t })), tool_choice: 'auto' }
          : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(stream ? { stream: true } : {}),
      }),
      signal,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`the model endpoint answered HTTP ${response.status}`);
    }
    if (stream && response.body && /text\/event-stream/.test(response.headers.get('content-type') ?? '')) {
      return readStream(response.body, options.onContent!);
    }
    // An endpoint that ignores `stream` answers in one piece: still a valid answer.
    const body = (await response.json()) as { choices?: { message?: WireMessage }[] };
    const message = body.choices?.[0]?.message;
    if (!message) throw new Error('the model endpoint answered without a message');
    const reply = { content: message.content ?? '', toolCalls: toolCalls(message.tool_calls ?? []) };
    if (stream && reply.content) options.onContent!(reply.content);
    return reply;
  }
}

function toolCalls(wire: readonly WireToolCall[]): ChatToolCall[] {
  return wire
    .filter((c) => typeof c.function?.name === 'string')
    .map((c, i) => ({ id: c.id ?? `call-${i}`, name: c.function!.name!, arguments: c.function?.arguments ?? '' }));
}

/** Reads `data: {chunk}` lines until `data: [DONE]`; tool call pieces are joined by their index. */
async function readStream(body: ReadableStream<Uint8Array>, onContent: (piece: string) => void): Promise<ChatReply> {
  const decoder = new TextDecoder();
  let buffer = '';
  let content = '';
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let done = false;
  const line = (raw: string): void => {
    const text = raw.trim();
    if (!text.startsWith('data:')) return;
    const data = text.slice(5).trim();
    if (data === '[DONE]') {
      done = true;
      return;
    }
    const chunk = JSON.parse(data) as { choices?: { delta?: WireMessage }[] };
    const delta = chunk.choices?.[0]?.delta;
    if (!delta) return;
    if (delta.content) {
      content += delta.content;
      onContent(delta.content);
    }
    for (const c of delta.tool_calls ?? []) {
      const index = c.index ?? 0;
      const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
      if (c.id) call.id = c.id;
      if (c.function?.name) call.name += c.function.name;
      if (c.function?.arguments) call.arguments += c.function.arguments;
      calls.set(index, call);
    }
  };
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    let end = buffer.indexOf('\n');
    while (end >= 0) {
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\n');
    }
    if (done) break;
  }
  if (!done) line(buffer);
  const toolCallsOut = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, c]) => c.name !== '')
    .map(([i, c]) => ({ id: c.id || `call-${i}`, name: c.name, arguments: c.arguments }));
  return { content, toolCalls: toolCallsOut };
}
