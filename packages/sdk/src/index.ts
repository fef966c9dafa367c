/** @daogou/sdk: track shoppers with consent, identify them, and show recommendations and search results. */
export { createClient } from './client.js';
export { AssistantApi, type AssistantSendOptions } from './assistant.js';
export { ExperimentsApi, type ExperimentAssignment } from './experiments.js';
export { MessagingApi, type MessagePreferences } from './messaging.js';
export type {
  ClientOptions,
  DaogouClient,
  IdentifyOptions,
  Order,
  PurchaseLine,
  TrackFields,
  VisitorState,
} from './client.js';
export { DaogouError } from './errors.js';
export type { DeliveryFailure, ErrorHandler } from './event-queue.js';
export type { FetchFunction } from './http.js';
export { randomId } from './ids.js';
export type { RecommendationsApi, RecommendOptions, SessionOptions } from './recommendations.js';
export type { AutocompleteOptions, SearchFilters, SearchOptions } from './search.js';
export { MemoryStorage } from './storage.js';
export type { KeyValueStorage, StorageOption } from './storage.js';
export type * from './types.js';
