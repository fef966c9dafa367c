/**
 * The shopping assistant's front door: the service (messages, FAQ, sessions), its product port, and the
 * pure understanding library (intents, slots, the catalogue gazetteer).
 */
export { AssistantService, SESSION_TTL_MS } from './service/assistant-service.js';
export { ASSISTANT_TOOLS, AssistantLlm } from './service/assistant-llm.js';
export type { AssistantTools, LlmReply, LlmTurn, ProductView } from './service/assistant-llm.js';
export { checkReplyGrounding, ReplyEvidence } from './dialogue/reply-grounding.js';
export type { ReplyGrounding } from './dialogue/reply-grounding.js';
export { AssistantReview, LOW_CONFIDENCE, MAX_TURNS_PER_ACTION } from './service/assistant-review.js';
export type { Page, QuestionGroupView, SessionSummary } from './service/assistant-review.js';
export { groupQuestions, questionKey } from './review/question-groups.js';
export type { QuestionGroup, QuestionInput } from './review/question-groups.js';
export type { AssistantAnswer, AssistantMessage, MessageOptions } from './service/assistant-service.js';
export type { ProductQuery, ProductSource } from './service/product-source.js';
export type { ReviewDigest, ReviewSource } from './dialogue/review-reply.js';
export { INTENT_MODEL_KIND, MAX_EXAMPLES, readExamplesFile, validateExamples } from './service/intent-training.js';
export type { IntentModelInfo } from './service/intent-training.js';
export { classifyCsv } from './service/classify-csv.js';
export type { ClassifyCsvRequest, ClassifyCsvSummary } from './service/classify-csv.js';
export * from './understand/index.js';
