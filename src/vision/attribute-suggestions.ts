/**
 * Attribute suggestions from an item's image features: a category from the model's classes, the main
 * colour (named in en and zh) and the pattern, each with a confidence. Only what the item does not already
 * say is suggested (a category path that does not name the class, a colour or pattern attribute that is
 * missing); nothing is written here — a person accepts or rejects each suggestion.
 */
import type { DominantColour } from './colour/dominant-colours.js';
import type { PatternFeatures } from './pattern.js';

/** The features of one image that suggestions are read from. */
export interface SuggestionEvidence {
  categories: { label: string; probability: number }[];
  colours: DominantColour[];
  pattern: PatternFeatures | null;
}

/** What the item already says. */
export interface ItemAttributesNow {
  category: string | null;
  attributes: Record<string, unknown>;
}

/** One suggested attribute value. */
export interface AttributeSuggestion {
  field: 'category' | 'colour' | 'pattern';
  value: string;
  /** 0–1: the class probability, the colour's share of the product, or the pattern rule's margin. */
  confidence: number;
  /** Names and figures shown beside the suggestion. */
  detail: Record<string, unknown>;
}

/** Thresholds below which nothing is suggested. */
export interface SuggestionThresholds {
  category: number;
  colour: number;
  pattern: number;
}

/** Defaults: a class the model gives at least even odds, a colour covering a third of the product. */
export const DEFAULT_SUGGESTION_THRESHOLDS: SuggestionThresholds = { category: 0.5, colour: 0.33, pattern: 0.6 };

const COLOUR_KEYS = ['colour', 'color', 'color_en', '颜色'];
const PATTERN_KEYS = ['pattern', '图案'];

/** Suggestions for an item from the features of its images (the first image counts most: it leads the page). */
export function suggestAttributes(
  item: ItemAttributesNow,
  images: readonly SuggestionEvidence[],
  thresholds: SuggestionThresholds = DEFAULT_SUGGESTION_THRESHOLDS,
): AttributeSuggestion[] {
  const first = images[0];
  if (!first) return [];
  const out: AttributeSuggestion[] = [];
  const category = averageCategories(images)[0];
  if (category && category.probability >= thresholds.category && !categoryMentions(item.category, category.label)) {
    out.push({
      field: 'category',
      value: category.label,
      confidence: round(category.probability),
      detail: { current: item.category, candidates: averageCategories(images).slice(0, 3) },
    });
  }
  const colour = first.colours[0];
  if (colour && colour.share >= thresholds.colour && !hasAttribute(item.attributes, COLOUR_KEYS)) {
    out.push({
      field: 'colour',
      value: colour.en,
      confidence: round(colour.share),
      detail: { en: colour.en, zh: colour.zh, hex: colour.hex, others: first.colours.slice(1) },
    });
  }
  const pattern = first.pattern;
  const patternConfidence = pattern ? patternMargin(pattern) : 0;
  if (pattern && patternConfidence >= thresholds.pattern && !hasAttribute(item.attributes, PATTERN_KEYS)) {
    out.push({
      field: 'pattern',
      value: pattern.en,
      confidence: round(patternConfidence),
      detail: { en: pattern.en, zh: pattern.zh, edgeDensity: round(pattern.edgeDensity) },
    });
  }
  return out;
}

function averageCategories(images: readonly SuggestionEvidence[]): { label: string; probability: number }[] {
  const sums = new Map<string, number>();
  for (const image of images)
    for (const c of image.categories) sums.set(c.label, (sums.get(c.label) ?? 0) + c.probability);
  return [...sums]
    .map(([label, sum]) => ({ label, probability: round(sum / images.length) }))
    .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
}

/** Whether the category path already names the class (as a word, singular or plural). */
function categoryMentions(path: string | null, label: string): boolean {
  if (!path) return false;
  const words = path.toLowerCase().split(/[^\p{L}\p{N}-]+/u);
  const l = label.toLowerCase();
  return words.some((w) => w === l || w === `${l}s` || w === `${l}es` || (l.endsWith('s') && w === l.slice(0, -1)));
}

/** Whether the merchant already gave the attribute under any of its usual keys (their value stands). */
function hasAttribute(attributes: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.some((k) => {
    const v = attributes[k];
    return typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null;
  });
}

/**
 * How clearly the pattern rule decided, 0.5 (on a threshold) to 1: solid is read from the edge density
 * (below 0.06), the others from how far the density is above it.
 */
function patternMargin(p: PatternFeatures): number {
  const margin = p.kind === 'solid' ? (0.06 - p.edgeDensity) / 0.06 : Math.min(1, (p.edgeDensity - 0.06) / 0.12);
  return 0.5 + 0.5 * Math.max(0, Math.min(1, margin));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
