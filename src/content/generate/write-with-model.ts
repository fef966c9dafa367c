/**
 * Copy from an outside writer (an LLM) under the same grounding check as the grammar's: each text it
 * returns is checked and kept only when grounded and within the kind's limit; when it fails or gives too
 * few, the built-in grammar writes the rest.
 */
import { MAX_CHARS } from '../content-types.js';
import type { ContentFacts } from '../facts/item-facts.js';
import { checkGrounding } from '../grounding/check-grounding.js';
import type { GroundingVocabulary } from '../grounding/grounding-vocabulary.js';
import { generateCopy, variantId, type CopyOptions, type CopyResult, type CopyVariant } from './generate-copy.js';

/** Writes candidate texts of one kind for the facts (e.g. a chat completions model). */
export interface CopyWriter {
  write(facts: ContentFacts, options: CopyOptions): Promise<string[]>;
}

/** A result with what happened to the writer's texts. */
export interface WrittenCopy extends CopyResult {
  /** Why the writer gave nothing usable (its error), null when it answered. */
  writerError: string | null;
}

/** Variants from the writer that pass the check, topped up by the grammar. */
export async function writeWithModel(
  writer: CopyWriter,
  facts: ContentFacts,
  o: CopyOptions,
  vocabulary?: GroundingVocabulary,
): Promise<WrittenCopy> {
  let texts: string[] = [];
  let writerError: string | null = null;
  try {
    texts = await writer.write(facts, o);
  } catch (error) {
    writerError = error instanceof Error ? error.message : String(error);
  }
  const variants: CopyVariant[] = [];
  const rejections: string[][] = [];
  const seen = new Set<string>();
  let rejected = 0;
  let candidates = 0;
  for (const raw of texts) {
    const text = raw.trim();
    if (!text || seen.has(text) || variants.length >= o.variants) continue;
    seen.add(text);
    candidates++;
    const grounding = checkGrounding(text, facts, vocabulary);
    const tooLong = [...text].length > MAX_CHARS[o.kind];
    if (!grounding.grounded || tooLong) {
      rejected++;
      if (rejections.length < 3)
        rejections.push(tooLong ? [`longer than ${MAX_CHARS[o.kind]} characters`] : grounding.problems);
      continue;
    }
    const { kind, tone, length } = o;
    variants.push({
      id: variantId(kind, text),
      kind,
      locale: facts.locale,
      tone,
      length,
      text,
      source: 'llm',
      grounding,
    });
  }
  if (variants.length < o.variants) {
    const builtin = generateCopy(facts, { ...o, variants: o.variants }, vocabulary);
    for (const v of builtin.variants) {
      if (variants.length >= o.variants) break;
      if (!seen.has(v.text)) variants.push(v);
    }
    candidates += builtin.candidates;
    rejected += builtin.rejected;
    rejections.push(...builtin.rejections);
  }
  return { kind: o.kind, variants, candidates, rejected, rejections, writerError };
}
