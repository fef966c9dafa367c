/** The sentiment model shipped in models/ (trained by `daogou sentiment-train --builtin`), loaded once per process. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSentimentModel } from './model-file.js';
import type { SentimentModel } from './sentiment-model.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Path of the shipped model file (Chinese and English reviews). */
export const BUILTIN_SENTIMENT_MODEL = path.join(repoRoot, 'models', 'sentiment', 'reviews.dgsent');

let cached: SentimentModel | null = null;

/** The shipped model; throws with the path when the file is missing. */
export function builtinSentimentModel(): SentimentModel {
  if (cached) return cached;
  if (!existsSync(BUILTIN_SENTIMENT_MODEL)) {
    throw new Error(
      `built-in sentiment model not found at ${BUILTIN_SENTIMENT_MODEL} (run daogou sentiment-train --builtin)`,
    );
  }
  cached = loadSentimentModel(BUILTIN_SENTIMENT_MODEL);
  return cached;
}
