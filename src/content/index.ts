/**
 * Content: product titles, descriptions, selling points, SEO meta and marketing copy written from an item's
 * attributes and what its reviews praise, in Chinese and English, with a grounding check every text passes.
 */
export {
  CONTENT_KINDS,
  CONTENT_LENGTHS,
  CONTENT_LOCALES,
  CONTENT_TONES,
  MAX_CHARS,
  type AspectCount,
  type ContentItem,
  type ContentKind,
  type ContentLength,
  type ContentLocale,
  type ContentTone,
  type ReviewFacts,
} from './content-types.js';
export { formatPrice, itemFacts, type ContentFacts } from './facts/item-facts.js';
export {
  checkGrounding,
  type GroundingMention,
  type GroundingReport,
  type MentionType,
} from './grounding/check-grounding.js';
export { GroundingVocabulary } from './grounding/grounding-vocabulary.js';
export {
  generateCopy,
  variantId,
  type CopyOptions,
  type CopyResult,
  type CopySource,
  type CopyVariant,
} from './generate/generate-copy.js';
export { writeWithModel, type CopyWriter, type WrittenCopy } from './generate/write-with-model.js';
export { ChatCopyWriter, parseVariants } from './service/chat-copy-writer.js';
export {
  ContentService,
  type BulkRequest,
  type BulkResult,
  type DraftInput,
  type GenerateRequest,
  type GenerateResponse,
  type ItemRef,
  type ReviewFactsSource,
  type WriterChoice,
} from './service/content-service.js';
