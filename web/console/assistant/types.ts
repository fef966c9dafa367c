/** The assistant's console data as the API returns it, and the words the pages use for its codes. */
import type { Tone } from '../components/ui.js';

/** One logged turn. */
export interface AssistantTurn {
  id: string;
  sessionId: string;
  customerId: string | null;
  anonymousId: string | null;
  text: string;
  reply: string;
  intent: string;
  confidence: number | null;
  slots: Record<string, unknown>;
  itemIds: string[];
  outcome: 'answered' | 'unanswered' | 'handoff';
  createdAt: string;
  resolution: 'done' | 'faq' | 'example' | 'dismissed' | null;
  resolvedAt: string | null;
}

/** One conversation in the log. */
export interface AssistantSession {
  sessionId: string;
  customerId: string | null;
  anonymousId: string | null;
  turns: number;
  startedAt: string;
  lastAt: string;
  unanswered: number;
  handoffs: number;
  firstText: string;
  intents: string[];
}

/** Unanswered questions worded alike. */
export interface QuestionGroup {
  text: string;
  count: number;
  texts: Array<{ text: string; count: number }>;
  turnIds: string[];
  lastAt: string;
  sessions: number;
  reasons: Record<string, number>;
  intent: string;
}

/** The assistant's intents, in the order the filters list them, with their labels. */
export const INTENT_LABELS: Record<string, string> = {
  find: 'Find products',
  refine: 'Refine',
  compare: 'Compare',
  item_question: 'About an item',
  size_advice: 'Size advice',
  order_status: 'Order status',
  shipping: 'Shipping',
  returns: 'Returns',
  payment: 'Payment',
  complaint: 'Complaint',
  greeting: 'Greeting',
  thanks: 'Thanks',
  out_of_scope: 'Out of scope',
};

/** Why questions are in the unanswered list. */
export const REASON_LABELS: Record<string, string> = {
  out_of_scope: 'out of scope',
  nothing_found: 'no matching product',
  no_faq: 'no FAQ passage',
  not_answered: 'not answered',
  low_confidence: 'low confidence',
};

/** The badge tone of a turn's outcome. */
export function outcomeTone(outcome: AssistantTurn['outcome']): Tone {
  return outcome === 'answered' ? 'good' : outcome === 'handoff' ? 'bad' : 'warn';
}

/** Who a conversation is with: the customer, else the anonymous id. */
export function shopperLabel(s: { customerId: string | null; anonymousId: string | null }): string {
  return s.customerId ?? (s.anonymousId ? `anonymous ${s.anonymousId}` : 'anonymous');
}

/** A day picked in a date field as the API's range: `from` that midnight, `to` the next (exclusive). */
export function dayRange(from: string, to: string): { from?: string; to?: string } {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { ...(from ? { from } : {}), ...(to ? { to: next(to) } : {}) };
}
