/** Lints the OpenAPI document with Redocly's `recommended` ruleset, the accepted warnings marked as ignored. */
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { ACCEPTED_WARNINGS } from './accepted-warnings.js';

/** A problem as the linter reports it; `ignored` when it is one of the accepted warnings. */
export type LintProblem = NormalizedProblem & { ignored?: boolean };

/** Lints the document's text; `absoluteRef` is the name the report gives it. */
export async function lintOpenApi(text: string, absoluteRef: string): Promise<LintProblem[]> {
  const rules: Record<string, Set<string>> = {};
  for (const a of ACCEPTED_WARNINGS) (rules[a.ruleId] ??= new Set()).add(a.pointer);
  // The same mechanism as Redocly's .redocly.lint-ignore.yaml, with the reasons kept beside each entry.
  const config = await createConfig({ extends: ['recommended'] }, { ignore: { [absoluteRef]: rules } });
  return lintFromString({ source: text, absoluteRef, config });
}
