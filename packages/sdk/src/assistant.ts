/**
 * The shopping assistant (导购助手) for a page's chat: sends what the shopper wrote and keeps the
 * conversation's session id, in memory only, for this visitor. A different customer (identify, reset)
 * starts a new conversation, so one shopper never continues another's.
 */
import type { Http } from './http.js';
import type { AssistantReply } from './types.js';
import type { Visitor } from './visitor.js';

/** Options of `assistant.send`. */
export interface AssistantSendOptions {
  /** The reply's language (default: Chinese when the text has Chinese characters, else English). */
  locale?: 'zh' | 'en';
  signal?: AbortSignal;
  /**
   * Show the reply while it is written: the answer is asked for as server-sent events, and this hears each
   * piece the shop's optional model writes (only sentences that passed the grounding check) with the text so
   * far. The returned answer's `reply` is final and replaces the pieces (a model reply that fails the check
   * midway becomes the built-in one). Without a model, or from a server that answers with plain JSON, there
   * are no pieces: the answer comes whole, as without this option.
   */
  onDelta?: (piece: string, soFar: string) => void;
}

/** `client.assistant`. */
export class AssistantApi {
  private session: { id: string; visitor: string } | null = null;

  constructor(
    private readonly http: Http,
    private readonly visitor: Visitor,
  ) {}

  /**
   * Sends a message and returns the answer; later messages continue the same conversation. A signed-in
   * customer's orders and personal picks need their customer token (`identify(id, { token })`).
   */
  async send(text: string, options: AssistantSendOptions = {}): Promise<AssistantReply> {
    const customerId = this.visitor.customerId();
    const anonymousId = customerId === null ? this.visitor.anonymousId() : null;
    // Whoever the visitor is now: another customer or a fresh anonymous id (reset) starts a new conversation.
    const who = JSON.stringify([customerId, anonymousId]);
    if (this.session !== null && this.session.visitor !== who) this.session = null;
    const body = {
      text,
      ...(this.session !== null ? { sessionId: this.session.id } : {}),
      ...(customerId !== null ? { customerId } : {}),
      ...(anonymousId !== null ? { anonymousId } : {}),
      ...(options.locale !== undefined ? { locale: options.locale } : {}),
    };
    const request = { body, ...(options.signal ? { signal: options.signal } : {}) };
    const onDelta = options.onDelta;
    let soFar = '';
    const reply = onDelta
      ? await this.http.requestEvents<AssistantReply>('POST', '/v1/assistant/messages', request, 'message', (e) => {
          if (e.event !== 'delta') return;
          const piece = (JSON.parse(e.data) as { text?: unknown }).text;
          if (typeof piece !== 'string') return;
          soFar += piece;
          onDelta(piece, soFar);
        })
      : await this.http.request<AssistantReply>('POST', '/v1/assistant/messages', request);
    this.session = { id: reply.sessionId, visitor: who };
    return reply;
  }

  /** The current conversation's id, or null before the first message. */
  sessionId(): string | null {
    return this.session?.id ?? null;
  }

  /** Starts a new conversation with the next message. */
  restart(): void {
    this.session = null;
  }
}
