/**
 * A journey's steps, nested in branches and splits, flattened into nodes with explicit successors, so a
 * customer's place is one key (`2`, `3.then.0`, `4.paths.1.0`) that stays meaningful within a version.
 */
import type { Step } from './definition.js';

/** One step with where to go next. */
export interface ProgramNode {
  key: string;
  step: Step;
  /** The node after this one (null: the journey ends). */
  next: string | null;
  /** Branch: first node of `then` / `else` (or `next` when that list is empty). */
  then?: string | null;
  else?: string | null;
  /** Split: first node of each path with its weight. */
  paths?: { weight: number; first: string | null }[];
}

/** The flattened program of a journey version. */
export interface Program {
  first: string | null;
  nodes: Map<string, ProgramNode>;
}

/** Flattens steps; a nested list that ends continues after its branch or split. */
export function compileProgram(steps: readonly Step[]): Program {
  const nodes = new Map<string, ProgramNode>();
  const first = place(steps, '', null, nodes);
  return { first, nodes };
}

function place(
  steps: readonly Step[],
  prefix: string,
  after: string | null,
  nodes: Map<string, ProgramNode>,
): string | null {
  const keys = steps.map((_, i) => `${prefix}${i}`);
  steps.forEach((step, i) => {
    const key = keys[i]!;
    const next = keys[i + 1] ?? after;
    const node: ProgramNode = { key, step, next };
    if (step.type === 'branch') {
      node.then = place(step.then ?? [], `${key}.then.`, next, nodes);
      node.else = place(step.else ?? [], `${key}.else.`, next, nodes);
    } else if (step.type === 'split') {
      node.paths = step.paths.map((p, j) => ({
        weight: p.weight,
        first: place(p.steps, `${key}.paths.${j}.`, next, nodes),
      }));
    }
    nodes.set(key, node);
  });
  return keys[0] ?? after;
}

/** A readable label for a node: its id or name when given, else its type and key. */
export function nodeLabel(node: ProgramNode): string {
  return node.step.id ?? node.step.name ?? `${node.step.type} ${node.key}`;
}
