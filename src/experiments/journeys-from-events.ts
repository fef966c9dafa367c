/**
 * Turns a unit-ordered event stream into attribution journeys. Touchpoints: a click on a recommendation list
 * (`recommendations:<surface>`), a search (`search`), anything carrying a campaign (`campaign:<name>`), and the
 * first event of each session (`channel:<channel>`). Each order closes a converting journey with its revenue;
 * touches after a unit's last order form a journey that did not convert.
 */
import type { TouchRow } from '../store/repositories/experiment-repository.js';
import type { Journey, Touchpoint } from './attribution.js';

/** Builds journeys from events sorted by unit, then time (the rows the experiment repository reads for attribution). */
export function journeysFromEvents(events: Iterable<TouchRow>): Journey[] {
  const journeys: Journey[] = [];
  let unit: string | null = null;
  let touches: Touchpoint[] = [];
  let session: string | null = null;
  let order: { id: string; value: number; at: number } | null = null;
  const closeOrder = () => {
    if (!order) return;
    if (touches.length > 0)
      journeys.push({ touchpoints: touches, converted: true, value: order.value, convertedAt: order.at });
    touches = [];
    order = null;
  };
  const closeUnit = () => {
    closeOrder();
    if (touches.length > 0) journeys.push({ touchpoints: touches, converted: false, value: 0 });
    touches = [];
    session = null;
  };
  for (const e of events) {
    if (e.unit !== unit) {
      closeUnit();
      unit = e.unit;
    }
    if (e.type === 'purchase') {
      const id = e.orderId ?? `${e.ts}`;
      // Lines of one order arrive as several purchase events: one conversion, their revenue summed.
      if (order && order.id !== id) closeOrder();
      order ??= { id, value: 0, at: e.ts };
      order.value += e.revenue ?? 0;
      continue;
    }
    closeOrder();
    if (e.sessionId !== null && e.sessionId !== session) {
      session = e.sessionId;
      touches.push({ channel: `channel:${e.channel}`, ts: e.ts });
    }
    if (e.campaign) touches.push({ channel: `campaign:${e.campaign}`, ts: e.ts });
    else if (e.surface && e.type === 'click') touches.push({ channel: `recommendations:${e.surface}`, ts: e.ts });
    else if (e.type === 'search') touches.push({ channel: 'search', ts: e.ts });
  }
  closeUnit();
  return journeys;
}
