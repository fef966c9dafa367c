/** Front door of the data platform (items, customer records, events, identities, privacy, keys, imports): what jobs, the engine, the server and the CLI may use. */

// Services and what the engine, jobs, server and CLI compose from them.
export { ApiKeyService, KEY_SCOPES, scopeAllows, type KeyScope, type Permission } from './api-key-service.js';
export {
  ChatCompletions,
  type ChatCallOptions,
  type ChatEndpoint,
  type ChatMessage,
  type ChatReply,
  type ChatRequest,
  type ChatTool,
  type ChatToolCall,
} from './chat-completions.js';
export { configuredClock, type Clock } from './clock.js';
export { CustomerRecordService } from './customer-record-service.js';
export { EventService, type TrackResult } from './event-service.js';
export { EventRetentionService, MONTHS_AHEAD, type EventUpkeepResult } from './event-retention-service.js';
export { IdentitySecret, MAX_TOKEN_TTL_SECONDS } from './identity-secret.js';
export { IdentityService } from './identity-service.js';
export { ImportService, type ImportResult } from './import/import-service.js';
export { ItemService } from './item-service.js';
export { startModuleThread } from './module-thread.js';
export { MAX_OVERVIEW_BUCKETS, OverviewService, SYSTEM_EVENT_TYPES } from './overview-service.js';
export { PrivacyService } from './privacy-service.js';
export { ReviewSignals, type ReviewFactors } from './review-signals.js';
export { saveUpload } from './upload-file.js';
export { customerView, eventView, itemView } from './views.js';
