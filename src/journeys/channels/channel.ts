/** What a channel is given to send, and what it reports back. */
import type { RenderedContent } from '../templates.js';

/** One message ready to go out. */
export interface OutgoingMessage {
  /** Stable per run and step: receivers de-duplicate on it (also sent as Idempotency-Key / Message-ID). */
  id: string;
  journeyId: string;
  customerId: string;
  channel: string;
  node: string;
  /** The address on the channel (email address, phone, device token); null for webhooks. */
  to: string | null;
  content: RenderedContent | null;
  url: string | null;
  secret: string | null;
  headers: Record<string, string>;
  /** Extra JSON for webhooks (the trigger, a webhook step's body). */
  data: Record<string, unknown>;
  unsubscribeUrl: string | null;
}

/** How an attempt went. */
export type DeliveryOutcome =
  | { ok: true }
  /** `retryAt`: when to try again (a provider's Retry-After, or back-off); absent: never (dead letter). */
  | { ok: false; reason: string; retryAt?: number; suppress?: boolean };

/** Sends messages of one channel. */
export interface Channel {
  send(message: OutgoingMessage, now: number, attempt: number): Promise<DeliveryOutcome>;
  /** Releases connections (SMTP pools). */
  close?(): void;
}

/** Back-off after the n-th failed attempt: 5 s, 20 s, 45 s, … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(5_000 * attempt * attempt, 3_600_000);
}

/** A Retry-After header (seconds or an HTTP date) as an absolute time; undefined when absent or unreadable. */
export function retryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(now, date);
}
