/**
 * The shopping assistant's front door: the service (messages, FAQ, sessions), its product port, and the
 * pure understanding library (intents, slots, the catalogue gazetteer).
 */
export { AssistantService, SESSION_TTL_MS } from './service/assistant-service.js';
export type { AssistantAnswer, AssistantMessage } from './service/assistant-service.js';
export type { ProductQuery, ProductSource } from './service/product-source.js';
export { classifyCsv } from './service/classify-csv.js';
export type { ClassifyCsvRequest, ClassifyCsvSummary } from './service/classify-csv.js';
export * from './understand/index.js';
