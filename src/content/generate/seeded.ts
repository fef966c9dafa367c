/** Seeds for reproducible variants: one stream per (seed, item, kind, locale, tone, length, attempt). */
import { seededRandom, type Random } from '../../math/random.js';

/** FNV-1a hash of a string, as an unsigned 32-bit seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The random stream for one attempt at one variant. */
export function variantRandom(parts: readonly (string | number)[]): Random {
  return seededRandom(hashSeed(parts.join('\u0001')));
}

/** One element chosen uniformly, or undefined from an empty list. */
export function pick<T>(random: Random, list: readonly T[]): T | undefined {
  return list.length === 0 ? undefined : list[Math.floor(random() * list.length)];
}

/** A shuffled copy. */
export function shuffled<T>(random: Random, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
