/**
 * The step machine: from a customer's place in a journey and the time, which steps run now, what they do
 * (effects the service carries out), and where the customer waits next. Pure: no I/O, time is an argument,
 * and random splits hash the run id so a replay after a crash takes the same path.
 */
import { createHash } from 'node:crypto';
import type { Step } from './definition.js';
import type { ConditionSubject } from './conditions.js';
import { compileCondition } from './conditions.js';
import type { Program, ProgramNode } from './program.js';
import { addIsoDuration, nextTimeOfDay } from './time.js';

/** Where a run stands. */
export interface RunPosition {
  status: 'active' | 'completed' | 'exited';
  /** The step to run next (null when finished). */
  node: string | null;
  /** When the run is next due (null when finished). */
  wakeAt: number | null;
  /** The wait step the run is inside of: arriving at it again means the wait is over. */
  armed: string | null;
  /** Event type a wait step is waiting for. */
  waitingFor: string | null;
  exitReason: string | null;
}

/** Something a step does outside the run itself. */
export type Effect =
  | { kind: 'send'; node: string; step: Extract<Step, { type: 'send' }> }
  | { kind: 'webhook'; node: string; step: Extract<Step, { type: 'webhook' }> }
  | { kind: 'set_trait'; node: string; trait: string; value: string | number | boolean | null };

/** What one advance did. */
export interface Advance {
  position: RunPosition;
  effects: Effect[];
  /** Nodes run, in order (for per-step counts). */
  visited: string[];
}

/** What the machine needs besides the program and position. */
export interface AdvanceInput {
  runId: string;
  now: number;
  /** The customer's IANA time zone. */
  zone: string;
  /** Builds the condition subject on first need (it costs reads). */
  subject: () => ConditionSubject;
}

/** Bound on steps per advance; a program is a tree, so this only guards against a corrupt position. */
const MAX_STEPS = 500;

/** The position of a customer who just entered. */
export function entryPosition(program: Program, now: number): RunPosition {
  return program.first === null
    ? { status: 'completed', node: null, wakeAt: null, armed: null, waitingFor: null, exitReason: 'completed' }
    : { status: 'active', node: program.first, wakeAt: now, armed: null, waitingFor: null, exitReason: null };
}

/** A position that ended for `reason` (an exitOn event, an erased customer, a removed step). */
export function exited(reason: string): RunPosition {
  return { status: 'exited', node: null, wakeAt: null, armed: null, waitingFor: null, exitReason: reason };
}

/** A number in [0, 1) fixed by the run and node, for random splits and holdouts. */
export function unitHash(...parts: string[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

const conditions = new Map<string, ReturnType<typeof compileCondition>>();
function condition(source: string) {
  let c = conditions.get(source);
  if (!c) {
    c = compileCondition(source);
    if (conditions.size > 1000) conditions.clear();
    conditions.set(source, c);
  }
  return c;
}

function pickPath(node: ProgramNode, runId: string): string | null {
  const paths = node.paths!;
  const total = paths.reduce((s, p) => s + p.weight, 0);
  let at = unitHash(runId, node.key) * total;
  for (const p of paths) {
    if (at < p.weight) return p.first;
    at -= p.weight;
  }
  return paths[paths.length - 1]!.first;
}

/** Runs steps from the position until the run waits or ends. */
export function advance(program: Program, from: RunPosition, input: AdvanceInput): Advance {
  const effects: Effect[] = [];
  const visited: string[] = [];
  let { node: key, armed } = from;
  let subject: ConditionSubject | undefined;
  for (let n = 0; n < MAX_STEPS; n++) {
    if (key === null) {
      return {
        position: {
          status: 'completed',
          node: null,
          wakeAt: null,
          armed: null,
          waitingFor: null,
          exitReason: 'completed',
        },
        effects,
        visited,
      };
    }
    const node = program.nodes.get(key);
    if (!node) return { position: exited('step_removed'), effects, visited };
    const step = node.step;
    switch (step.type) {
      case 'wait': {
        if (armed === key) {
          // Back at an armed wait: its time is up or its event came; move on.
          armed = null;
          key = node.next;
          continue;
        }
        visited.push(key);
        const wakeAt =
          step.duration !== undefined
            ? addIsoDuration(input.now, step.duration, input.zone)
            : step.until !== undefined
              ? nextTimeOfDay(input.now, step.until, input.zone)
              : addIsoDuration(input.now, step.timeout!, input.zone);
        return {
          position: {
            status: 'active',
            node: key,
            wakeAt,
            armed: key,
            waitingFor: step.event ?? null,
            exitReason: null,
          },
          effects,
          visited,
        };
      }
      case 'branch': {
        visited.push(key);
        subject ??= input.subject();
        key = condition(step.if).matches(subject, input.now) ? node.then! : node.else!;
        continue;
      }
      case 'split':
        visited.push(key);
        key = pickPath(node, input.runId);
        continue;
      case 'send':
        visited.push(key);
        effects.push({ kind: 'send', node: key, step });
        key = node.next;
        continue;
      case 'webhook':
        visited.push(key);
        effects.push({ kind: 'webhook', node: key, step });
        key = node.next;
        continue;
      case 'set_trait':
        visited.push(key);
        effects.push({ kind: 'set_trait', node: key, trait: step.trait, value: step.value });
        key = node.next;
        continue;
      case 'exit':
        visited.push(key);
        return { position: exited('exit_step'), effects, visited };
    }
  }
  return { position: exited('step_limit'), effects, visited };
}
