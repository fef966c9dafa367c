/** Segment membership changes between two evaluations, for incremental updates and triggers. */

/** Who entered and who left a segment. */
export interface MembershipDiff {
  entered: string[];
  exited: string[];
}

/** Ids in `current` but not `previous` (entered) and in `previous` but not `current` (exited). */
export function diffMembership(previous: Iterable<string>, current: Iterable<string>): MembershipDiff {
  const before = previous instanceof Set ? (previous as Set<string>) : new Set(previous);
  const after = current instanceof Set ? (current as Set<string>) : new Set(current);
  const entered: string[] = [];
  const exited: string[] = [];
  for (const id of after) if (!before.has(id)) entered.push(id);
  for (const id of before) if (!after.has(id)) exited.push(id);
  return { entered, exited };
}
