/**
 * Understanding one message: the classifier's intent reconciled with the slots found — a message that
 * names catalogue things is a product request even when the classifier hesitates, and a "refine" with
 * nothing to refine starts a new search.
 */
import type { CatalogueGazetteer } from './catalogue-gazetteer.js';
import type { Intent } from './intent-examples.js';
import type { IntentModel } from './intent-model.js';
import { extractSlots, type Slots } from './slots.js';

/** What a message means. */
export interface Understanding {
  /** The intent. */
  intent: Intent;
  /** The classifier's confidence in the intent it proposed. */
  confidence: number;
  /** Slots in the message. */
  slots: Slots;
}

const PRODUCT_SLOTS: ReadonlyArray<keyof Slots> = [
  'category',
  'brand',
  'colour',
  'material',
  'priceMin',
  'priceMax',
  'size',
];
const SERVICE: ReadonlySet<Intent> = new Set(['order_status', 'shipping', 'returns', 'payment', 'complaint']);

/** Whether slots name something that narrows products. */
export function hasProductSlots(slots: Slots): boolean {
  return PRODUCT_SLOTS.some((k) => slots[k] !== undefined);
}

/** Understands a message; `hasContext` says whether earlier turns left constraints or items to refine. */
export function understand(
  text: string,
  model: IntentModel,
  gazetteer: CatalogueGazetteer,
  hasContext: boolean,
): Understanding {
  const slots = extractSlots(text, gazetteer);
  const predicted = model.predict(text);
  let intent = predicted.intent;
  const named = hasProductSlots(slots);
  if (named && (intent === 'out_of_scope' || intent === 'greeting' || intent === 'thanks')) intent = 'find';
  // A new category is a new search, not a refinement of the old one.
  if (intent === 'refine' && (!hasContext || slots.category !== undefined)) intent = 'find';
  if ((intent === 'compare' || intent === 'item_question') && !hasContext) intent = named ? 'find' : intent;
  if (SERVICE.has(intent) && named && predicted.score < 0.5) intent = 'find';
  return { intent, confidence: predicted.score, slots };
}
