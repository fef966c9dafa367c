/**
 * The warnings Redocly's recommended rules give on the OpenAPI document that are kept on purpose, each with
 * its reason. The suite (test/http/openapi.test.ts) and CI's lint report (.ci/openapi-lint) both read this
 * list: anything else the linter finds fails them.
 */

/** One accepted problem: the rule, where in the document, and why it stays. */
export interface AcceptedWarning {
  ruleId: string;
  pointer: string;
  why: string;
}

/** The accepted warnings. */
export const ACCEPTED_WARNINGS: readonly AcceptedWarning[] = [
  {
    ruleId: 'operation-4xx-response',
    pointer: '#/paths/~1health/get/responses',
    why: 'liveness answers 200 or nothing',
  },
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1ready/get/responses', why: 'readiness answers 200 or 503' },
  {
    ruleId: 'no-ambiguous-paths',
    pointer: '#/paths/~1v1~1journeys~1customers~1{id}',
    why: 'journey ids are generated UUIDs, never the word "customers"',
  },
  // Links in messages: they answer an HTML page, a 1×1 image or a redirect, not JSON.
  ...['~1v1~1unsubscribe/get', '~1v1~1unsubscribe/post', '~1v1~1t~1o~1{id}/get', '~1v1~1t~1c~1{id}/get'].map((op) => ({
    ruleId: 'operation-2xx-response',
    pointer: `#/paths/${op}/responses`,
    why: 'answers a page, an image or a redirect for a person following a link in a message',
  })),
];
