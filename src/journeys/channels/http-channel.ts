/**
 * Webhooks and HTTP providers (SMS, push, WeChat-style gateways): a JSON POST signed with HMAC-SHA256
 * (`X-Daogou-Signature: t=<ms>,v1=<hex of hmac(secret, t + "." + body)>`), retried with back-off; a 429 or
 * 503 is retried when its Retry-After says, other 4xx answers are final (dead letters).
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { backoffMs, retryAfter, type Channel, type DeliveryOutcome, type OutgoingMessage } from './channel.js';
import { postJson, type PostAnswer } from './http-post.js';

/** One key object per secret: a string key is prepared again for every HMAC. */
const keys = new Map<string, KeyObject>();

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 1000) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** Signs a body the way receivers check it. */
export function signBody(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Builds the JSON body of one message. */
export type BodyBuilder = (message: OutgoingMessage) => Record<string, unknown>;

/** The webhook body: ids first, then the rendered content and the data. */
export const webhookBody: BodyBuilder = (m) => ({
  messageId: m.id,
  journeyId: m.journeyId,
  customerId: m.customerId,
  step: m.node,
  channel: m.channel,
  ...(m.content
    ? { subject: m.content.subject, text: m.content.text, html: m.content.html, body: m.content.body }
    : {}),
  data: m.data,
});

/** A provider body: the address and the short text a gateway needs. */
export const providerBody: BodyBuilder = (m) => ({
  messageId: m.id,
  customerId: m.customerId,
  channel: m.channel,
  to: m.to,
  title: m.content?.title ?? '',
  body: m.content?.body ?? '',
  ...(m.unsubscribeUrl ? { unsubscribeUrl: m.unsubscribeUrl } : {}),
});

/** An HTTP channel. */
export class HttpChannel implements Channel {
  constructor(
    private readonly build: BodyBuilder,
    private readonly options: {
      defaultUrl?: string | null;
      defaultSecret: string;
      timeoutMs?: number;
      defaultHeaders?: Record<string, string>;
    },
  ) {}

  /** POSTs the message; classifies the answer. */
  async send(message: OutgoingMessage, now: number, attempt: number): Promise<DeliveryOutcome> {
    const url = message.url ?? this.options.defaultUrl;
    if (!url) return { ok: false, reason: `no URL configured for the ${message.channel} channel` };
    const body = JSON.stringify(this.build(message));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'daogou-journeys',
      'idempotency-key': message.id,
      'x-daogou-message-id': message.id,
      'x-daogou-signature': signBody(message.secret ?? this.options.defaultSecret, now, body),
      ...this.options.defaultHeaders,
      ...message.headers,
    };
    let answer: PostAnswer;
    try {
      answer = await postJson(url, headers, body, this.options.timeoutMs ?? 10_000);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: `request failed: ${reason}`, retryAt: now + backoffMs(attempt) };
    }
    if (answer.status >= 200 && answer.status < 300) return { ok: true };
    const reason = `HTTP ${answer.status}`;
    if (answer.status === 429 || answer.status === 503) {
      return {
        ok: false,
        reason,
        retryAt: retryAfter(answer.retryAfter, now) ?? now + backoffMs(attempt),
      };
    }
    if (answer.status >= 500 || answer.status === 408) return { ok: false, reason, retryAt: now + backoffMs(attempt) };
    return { ok: false, reason };
  }
}
