/**
 * Retraining the intent classifier on the merchant's own example utterances: validation with errors that
 * name each bad example, training on the built-in examples plus the merchant's, and the stored model (a
 * model artifact holding the merchant's examples beside the weights, so any process can load it).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ValidationError, type FieldIssue } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Store } from '../../store/store.js';
import type { TextClassifierModel } from '../../text/classify/index.js';
import { INTENTS } from '../understand/intent-examples.js';
import { IntentModel, isIntent, type IntentExample } from '../understand/intent-model.js';

/** The model artifact kind of trained intent models. */
export const INTENT_MODEL_KIND = 'assistant-intents';
/** Most examples one training takes. */
export const MAX_EXAMPLES = 5000;
/** Longest example text. */
export const MAX_EXAMPLE_LENGTH = 500;
/** Problems listed before the rest are summarised. */
const MAX_ISSUES = 20;

/** A stored intent model: when, on which of the merchant's examples. */
export interface IntentModelInfo {
  id: string;
  trainedAt: number;
  /** The merchant's examples it was trained on (besides the built-in ones). */
  examples: number;
}

interface StoredIntentModel {
  examples: IntentExample[];
  model: TextClassifierModel;
}

/** Checks examples; throws a ValidationError naming every bad one (by index) or an empty or oversized list. */
export function validateExamples(
  input: ReadonlyArray<{ text?: unknown; intent?: unknown }>,
  field = 'examples',
): IntentExample[] {
  const issues: FieldIssue[] = [];
  if (input.length === 0) issues.push({ field, message: 'give at least one example' });
  if (input.length > MAX_EXAMPLES)
    issues.push({ field, message: `at most ${MAX_EXAMPLES} examples, got ${input.length}` });
  const out: IntentExample[] = [];
  input.forEach((e, i) => {
    const text = typeof e.text === 'string' ? e.text.trim() : '';
    if (text.length === 0) issues.push({ field: `${field}[${i}].text`, message: 'is empty' });
    else if (text.length > MAX_EXAMPLE_LENGTH)
      issues.push({ field: `${field}[${i}].text`, message: `longer than ${MAX_EXAMPLE_LENGTH} characters` });
    const intent = typeof e.intent === 'string' ? e.intent.trim() : '';
    if (!isIntent(intent))
      issues.push({
        field: `${field}[${i}].intent`,
        message: `unknown intent "${intent}"; one of ${INTENTS.join(', ')}`,
      });
    else if (text.length > 0 && text.length <= MAX_EXAMPLE_LENGTH) out.push({ text, intent });
  });
  if (issues.length > 0) {
    const shown = issues.slice(0, MAX_ISSUES);
    if (issues.length > MAX_ISSUES) shown.push({ field, message: `and ${issues.length - MAX_ISSUES} more problems` });
    throw new ValidationError(shown);
  }
  return out;
}

/** Reads examples from a CSV with `text` and `intent` columns, or JSON Lines of `{"text", "intent"}`. */
export async function readExamplesFile(file: string, flag = '--examples'): Promise<IntentExample[]> {
  if (!existsSync(file)) throw new ValidationError([{ field: flag, message: `file not found: ${file}` }]);
  const content = await readFile(file, 'utf8');
  let rows: Array<{ text?: unknown; intent?: unknown }>;
  if (/\.jsonl?$/i.test(path.extname(file))) {
    rows = content
      .split('\n')
      .map((line, i) => ({ line: line.trim(), n: i + 1 }))
      .filter((l) => l.line.length > 0)
      .map(({ line, n }) => {
        try {
          return JSON.parse(line) as { text?: unknown; intent?: unknown };
        } catch {
          throw new ValidationError([{ field: `${file}:${n}`, message: 'not a JSON object' }]);
        }
      });
  } else {
    let table: Array<Record<string, string>>;
    try {
      table = parse(content, { bom: true, columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true });
    } catch (error) {
      const e = error as { lines?: number; message?: string };
      throw new ValidationError([{ field: `${file}:${e.lines ?? 0}`, message: e.message ?? String(error) }]);
    }
    const header = table[0] ? Object.keys(table[0]) : [];
    for (const column of ['text', 'intent'])
      if (table.length > 0 && !header.includes(column))
        throw new ValidationError([{ field: flag, message: `no "${column}" column (columns: ${header.join(', ')})` }]);
    rows = table;
  }
  return validateExamples(rows, path.basename(file));
}

/** Trains on the built-in examples plus `examples`, stores the model and returns it with its header. */
export async function trainIntentModel(
  store: Store,
  clock: Clock,
  examples: readonly IntentExample[],
  onEpoch?: (epoch: number, epochs: number) => void,
): Promise<{ model: IntentModel; info: IntentModelInfo }> {
  const model = await IntentModel.trainAsync(examples, onEpoch);
  const stored: StoredIntentModel = { examples: [...examples], model: model.toJSON() };
  const info = { id: `aim-${randomUUID()}`, trainedAt: clock(), examples: examples.length };
  await store.modelArtifacts.save({
    id: info.id,
    kind: INTENT_MODEL_KIND,
    bytes: Buffer.from(JSON.stringify(stored), 'utf8'),
    metrics: { examples: examples.length },
    eventSeq: 0,
    trainedAt: info.trainedAt,
  });
  return { model, info };
}

/** The newest stored intent model's header, if any (cheap: for polling). */
export async function latestIntentModelInfo(store: Store): Promise<{ id: string; trainedAt: number } | undefined> {
  const info = await store.modelArtifacts.latestInfo(INTENT_MODEL_KIND);
  return info ? { id: info.id, trainedAt: info.trainedAt } : undefined;
}

/** Loads a stored intent model with the merchant's examples it was trained on. */
export async function loadIntentModel(
  store: Store,
  id: string,
): Promise<{ model: IntentModel; info: IntentModelInfo; examples: IntentExample[] } | undefined> {
  const artifact = await store.modelArtifacts.get(id);
  if (!artifact) return undefined;
  const stored = JSON.parse(Buffer.from(artifact.bytes).toString('utf8')) as StoredIntentModel;
  return {
    model: IntentModel.load(stored.model),
    info: { id, trainedAt: artifact.trainedAt, examples: stored.examples.length },
    examples: stored.examples,
  };
}
