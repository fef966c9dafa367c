/** English stemming (Porter) with a small cache, because catalogue vocabularies repeat the same words endlessly. */
import { stemmer } from 'stemmer';

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** Stems one lower-case English word; words shorter than 3 letters are returned unchanged. */
export function stemWord(word: string): string {
  if (word.length < 3) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const stem = stemmer(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, stem);
  return stem;
}

/** A light stemmer that only removes plural endings (Harman's S-stemmer): "faucets" → "faucet", "lighting" kept. */
export function pluralStem(word: string): string {
  if (word.length < 4) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('es') && !/(?:aes|ees|oes)$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !/(?:us|ss)$/.test(word)) return word.slice(0, -1);
  return word;
}
