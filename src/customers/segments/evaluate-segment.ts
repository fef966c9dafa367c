/** Runs a compiled rule over many subjects and returns the member ids. */
import type { CompiledRule } from './compile-rule.js';
import type { SegmentSubject } from './segment-subject.js';

/** Ids of the subjects matching the rule at `now`, in iteration order. */
export function evaluateSegment(rule: CompiledRule, subjects: Iterable<SegmentSubject>, now: number): string[] {
  const members: string[] = [];
  for (const s of subjects) if (rule.matches(s, now)) members.push(s.profile.customerId);
  return members;
}
