/** What reading calls may know about the visitor: ids only with analytics consent. */

/** The visitor as recommendations and search see it. */
export interface Visitor {
  /** Whether the visitor consents to analytics (then searches are personalised and logged as theirs). */
  analytics(): boolean;
  /** The identified customer, or null. */
  customerId(): string | null;
  /** The anonymous id, or null without analytics consent. */
  anonymousId(): string | null;
  /** The session id (counts as activity), or null without analytics consent. */
  sessionId(): string | null;
  /** Items touched lately, oldest first; empty without analytics consent. */
  recentItems(): string[];
}
