/**
 * Problem responses added to every operation's documentation: what a route can answer besides its own
 * outcomes (bad input, missing or insufficient key, rate limit, server error). Added when the document is
 * built, so each route declares only what is particular to it and none is documented without a 4xx answer.
 */

/** The problem status codes documented for an operation, from what the route takes and whether it is public. */
export function documentedProblemStatuses(schema: {
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  security?: unknown[];
}): number[] {
  const takesInput = schema.params !== undefined || schema.querystring !== undefined || schema.body !== undefined;
  const open = Array.isArray(schema.security) && schema.security.length === 0;
  // Open routes (health, readiness) are outside the rate limit and take no key.
  return [...(takesInput ? [400] : []), ...(open ? [] : [401, 403, 429]), 500];
}

const descriptions: Record<number, string> = {
  400: 'The request is invalid: the problem names the field and what is wrong with it',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key may not do this (for example a public browser key on an admin route)',
  404: 'Not found',
  429: 'Too many requests for this key or address: retry after the Retry-After header',
  500: 'An unexpected error; the problem carries no internal detail',
};

/** A description for a problem status in the document. */
export function problemDescription(status: number): string {
  return descriptions[status] ?? 'A problem (RFC 9457)';
}
