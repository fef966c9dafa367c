/**
 * Signed links in messages: unsubscribe (per customer and channel), click tracking (per message and target)
 * and the open pixel. Signatures are HMAC-SHA256 under the store's journey secret, so nobody can unsubscribe
 * someone else or turn the click redirector into an open redirect.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Link building and checking over one secret and public base URL. */
export class JourneyLinks {
  constructor(
    private readonly secret: string,
    private readonly baseUrl: string,
  ) {}

  private sign(...parts: string[]): string {
    return createHmac('sha256', this.secret).update(parts.join('\u0000')).digest('hex').slice(0, 32);
  }

  /** Whether a signature matches the parts (constant time). */
  verify(signature: string, ...parts: string[]): boolean {
    const expected = Buffer.from(this.sign(...parts));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private base(): string {
    return this.baseUrl.replace(/\/+$/, '');
  }

  /** The unsubscribe link of a customer on a channel. */
  unsubscribe(customerId: string, channel: string): string {
    const q = new URLSearchParams({ c: customerId, ch: channel, s: this.sign('unsubscribe', customerId, channel) });
    return `${this.base()}/v1/unsubscribe?${q.toString()}`;
  }

  /** A click-tracking link that redirects to `url`. */
  click(messageId: string, url: string): string {
    const q = new URLSearchParams({ u: url, s: this.sign('click', messageId, url) });
    return `${this.base()}/v1/t/c/${encodeURIComponent(messageId)}?${q.toString()}`;
  }

  /** The open pixel of a message. */
  pixel(messageId: string): string {
    return `${this.base()}/v1/t/o/${encodeURIComponent(messageId)}?s=${this.sign('open', messageId)}`;
  }

  /** Checks an unsubscribe link's signature. */
  unsubscribeValid(customerId: string, channel: string, signature: string): boolean {
    return this.verify(signature, 'unsubscribe', customerId, channel);
  }

  /** Checks a click link's signature. */
  clickValid(messageId: string, url: string, signature: string): boolean {
    return this.verify(signature, 'click', messageId, url);
  }

  /** Checks a pixel's signature. */
  pixelValid(messageId: string, signature: string): boolean {
    return this.verify(signature, 'open', messageId);
  }
}
