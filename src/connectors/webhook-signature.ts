/**
 * Webhook signatures of the store platforms: Shopify (X-Shopify-Hmac-Sha256) and WooCommerce
 * (X-WC-Webhook-Signature) both send the base64 HMAC-SHA256 of the raw request body under a shared secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The base64 HMAC-SHA256 of a body. */
export function webhookSignature(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Whether a presented signature is the body's, compared in constant time. */
export function verifyWebhookSignature(secret: string, body: Buffer | string, presented: string | undefined): boolean {
  if (presented === undefined || presented === '') return false;
  const expected = Buffer.from(webhookSignature(secret, body));
  const given = Buffer.from(presented.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
