/** The domain: data model schemas, types and the errors table. No I/O. */
export * from './common.js';
export * from './item.js';
export * from './customer.js';
export * from './event.js';
export * from './identity.js';
export * from './event-rules.js';
export * from './browser-event-rules.js';
export * from './errors.js';
export * from './validate.js';
export * from './review-ranking.js';
