/** Message understanding for the assistant: intents, slots, the catalogue gazetteer. Pure. */
export { CatalogueGazetteer } from './catalogue-gazetteer.js';
export type { GazetteerItem, TermMatch } from './catalogue-gazetteer.js';
export { INTENTS, INTENT_EXAMPLES } from './intent-examples.js';
export type { Intent } from './intent-examples.js';
export { INTENT_CONFIDENCE, IntentModel, isIntent } from './intent-model.js';
export type { IntentExample, IntentPrediction } from './intent-model.js';
export { extractPrice } from './price-slot.js';
export { chineseNumberValue, digitizeChineseNumbers } from './chinese-numbers.js';
export { extractSlots } from './slots.js';
export type { Audience, SlotSort, Slots } from './slots.js';
export { hasProductSlots, understand } from './understand.js';
export type { Understanding } from './understand.js';
