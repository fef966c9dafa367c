/** Turns a customer's recent events (newest first, from the store) into a model history. */
import type { StoredEvent } from '../../domain/index.js';
import { eventCode, eventWeight } from '../event-weights.js';
import type { History } from '../history.js';
import { eventValue, usableEvent } from './log-columns.js';

/** The fields of a stored event that histories use. */
export type HistoryEvent = Pick<StoredEvent, 'type' | 'itemId' | 'timestamp' | 'quantity' | 'rating'> & {
  channel: string;
};

/** A history plus, per position, the event behind it; and what the rules need to know. */
export interface CustomerHistory {
  history: History;
  /** The event at each history position (oldest first). */
  events: Pick<StoredEvent, 'type' | 'itemId' | 'timestamp'>[];
  /** Model indices of purchased items. */
  purchased: number[];
  /** The channel most of the events came through, if any. */
  channel: string | undefined;
}

/** Builds the history over a model's index; events for items the model does not know are skipped. */
export function historyFromEvents(
  newestFirst: readonly HistoryEvent[],
  index: ReadonlyMap<string, number>,
): CustomerHistory {
  const items: number[] = [];
  const ts: number[] = [];
  const weights: number[] = [];
  const events: CustomerHistory['events'] = [];
  const purchased: number[] = [];
  const channels = new Map<string, number>();
  for (let p = newestFirst.length - 1; p >= 0; p--) {
    const e = newestFirst[p]!;
    channels.set(e.channel, (channels.get(e.channel) ?? 0) + 1);
    if (!usableEvent(e)) continue;
    const i = index.get(e.itemId!);
    if (i === undefined) continue;
    items.push(i);
    ts.push(e.timestamp / 1000);
    // Rounded as a Float32Array would hold it (the models were trained on such weights).
    weights.push(Math.fround(eventWeight(eventCode(e.type), eventValue(e))));
    events.push(e);
    if (e.type === 'purchase') purchased.push(i);
  }
  let channel: string | undefined;
  let best = 0;
  for (const [c, n] of channels)
    if (n > best) {
      best = n;
      channel = c;
    }
  // Plain arrays: typed arrays made per request slow every young-generation collection down.
  return {
    history: { items, timestamps: ts, weights },
    events,
    purchased,
    channel,
  };
}
