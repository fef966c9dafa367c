/**
 * CI's OpenAPI lint report (`.ci/openapi-lint`): Redocly's recommended rules on a document written by
 * `daogou openapi`, printed as the linter prints it, then the accepted warnings with their reasons. Exits 1
 * on any error or any warning that is not accepted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblems, getTotals } from '@redocly/openapi-core';
import { ACCEPTED_WARNINGS } from './accepted-warnings.js';
import { lintOpenApi } from './lint-document.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx test/openapi-lint/report.ts <openapi.json>');
  process.exit(2);
}
const absolute = path.resolve(file);
const problems = await lintOpenApi(readFileSync(absolute, 'utf8'), absolute);
const totals = getTotals(problems);
const operations = Object.values(
  (JSON.parse(readFileSync(absolute, 'utf8')) as { paths: Record<string, object> }).paths,
).reduce((n, methods) => n + Object.keys(methods).length, 0);
console.log(`Redocly recommended rules on ${file} (${operations} operations)`);
formatProblems(problems, { format: 'stylish', totals, command: 'lint' });
console.log(`errors ${totals.errors}, warnings ${totals.warnings}, accepted (ignored) ${totals.ignored}`);
const found = new Set(problems.filter((p) => p.ignored).map((p) => `${p.ruleId} ${p.location[0]?.pointer}`));
for (const a of ACCEPTED_WARNINGS) {
  const state = found.has(`${a.ruleId} ${a.pointer}`) ? 'accepted' : 'accepted, no longer found';
  console.log(`  ${state}: ${a.ruleId} at ${a.pointer} — ${a.why}`);
}
process.exit(totals.errors + totals.warnings > 0 ? 1 : 0);
