/** What `daogou serve` prints once it listens: where to look and, for the demo, commands to paste. */
import type { DemoInfo } from '../engine/demo.js';

/**
 * A word for a POSIX shell, single-quoted: ids come from the store (an imported catalogue may name an
 * item `x;rm -rf ~`), and the banner's commands are meant to be pasted into a terminal.
 */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The start-up lines; `customerToken` (for the sample customer) shows how a page asks for personal lists. */
export function serveBanner(base: string, databaseUrl: string, demo?: DemoInfo & { customerToken?: string }): string[] {
  const lines = [
    '',
    `Daogou is running at ${base}  (database: ${databaseUrl})`,
    `  API docs      ${base}/docs`,
    `  OpenAPI       ${base}/openapi.json`,
    `  health        ${base}/health`,
    `  storefront    ${base}/store/`,
    `  console       ${base}/console/  (sign in with an admin key)`,
  ];
  if (!demo) return lines;
  const auth = (key: string) => shellQuote(`Authorization: Bearer ${key}`);
  const item = encodeURIComponent(demo.sampleItemId);
  const customer = encodeURIComponent(demo.sampleCustomerId);
  const token = demo.customerToken !== undefined ? ` -H ${shellQuote(`X-Customer-Token: ${demo.customerToken}`)}` : '';
  lines.push(
    '',
    `Demo store: ${demo.summary}`,
    `  admin key     ${demo.adminKey}`,
    `  browser key   ${demo.publicKey}`,
    '  try:',
    `    curl -H ${auth(demo.adminKey)} ${shellQuote(`${base}/v1/stats`)}`,
    `    curl -H ${auth(demo.adminKey)} ${shellQuote(`${base}/v1/items/${item}`)}`,
    `    curl -H ${auth(demo.adminKey)} ${shellQuote(`${base}/v1/customers/${customer}/timeline?limit=5`)}`,
    `    curl -H ${auth(demo.publicKey)} ${shellQuote(`${base}/v1/search?q=${encodeURIComponent('红色 连衣裙')}`)}`,
    `    curl -H ${auth(demo.publicKey)}${token} ${shellQuote(`${base}/v1/recommendations/customers/${customer}`)}`,
  );
  return lines;
}
