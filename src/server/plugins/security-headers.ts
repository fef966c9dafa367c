/** Response headers that keep browsers from sniffing types and from framing or injecting into the pages. */
import type { FastifyInstance } from 'fastify';

/**
 * The pages' policy: scripts, styles and API calls from this origin only, no framing, no plugins.
 * Images may come from anywhere over http(s) because catalogue images live on the merchant's CDN.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https: http:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_PREFIXES = ['/store', '/console'];

/** Adds `nosniff` to every response, and a CSP and frame denial to the storefront and console pages. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    const path = request.url;
    if (PAGE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`))) {
      reply.header('content-security-policy', PAGE_CSP);
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
    }
    return payload;
  });
}
