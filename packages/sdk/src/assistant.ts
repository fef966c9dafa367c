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
    const reply = await this.http.request<AssistantReply>('POST', '/v1/assistant/messages', {
      body,
      ...(options.signal ? { signal: options.signal } : {}),
    });
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
