/** A customer's events, newest first, with item titles, and older pages on demand. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatDateTime, formatInt, formatMoney, humanize } from '../format.js';
import { useItems } from '../item-cache.js';
import { usePaged } from '../paged.js';
import type { EventView } from '../types.js';
import { Badge, Card, Empty, Loading, ProblemBox, type Tone } from './ui.js';

const FILTERS: [string, string][] = [
  ['', 'All events'],
  ['purchase,refund', 'Orders'],
  ['add_to_cart,remove_from_cart,wishlist', 'Cart & wishlist'],
  ['view,click', 'Views & clicks'],
  ['search', 'Searches'],
  ['rating,review', 'Ratings & reviews'],
];

const TONES: Record<string, Tone> = {
  purchase: 'good',
  refund: 'bad',
  add_to_cart: 'accent',
  remove_from_cart: 'warn',
  wishlist: 'accent',
  search: 'info',
  rating: 'warn',
  review: 'warn',
};

function detail(e: EventView, currency: string): string {
  const parts: string[] = [];
  if (e.query) parts.push(`“${e.query}”`);
  if (e.quantity !== null && e.quantity !== 1) parts.push(`× ${formatInt(e.quantity)}`);
  if (e.type === 'purchase' || e.type === 'refund') {
    const amount = e.revenue ?? (e.price !== null ? e.price * (e.quantity ?? 1) : null);
    if (amount !== null) parts.push(formatMoney(amount, e.currency ?? currency));
  } else if (e.price !== null) parts.push(formatMoney(e.price, e.currency ?? currency));
  if (e.rating !== null) parts.push(`${'★'.repeat(Math.round(e.rating))}${'☆'.repeat(5 - Math.round(e.rating))}`);
  if (e.review) parts.push(`“${e.review.length > 120 ? `${e.review.slice(0, 120)}…` : e.review}”`);
  if (e.orderId) parts.push(`order ${e.orderId}`);
  if (e.type.startsWith('custom:segment_') && typeof e.properties.segmentName === 'string')
    parts.push(e.properties.segmentName);
  return parts.join(' · ');
}

/** The timeline card; `version` reloads it (the page's refresh button). */
export function Timeline(props: { customerId: string; version: number; currency: string }): JSX.Element {
  const [types, setTypes] = useState('');
  const list = usePaged<EventView>(
    `/v1/customers/${encodeURIComponent(props.customerId)}/timeline`,
    'events',
    { limit: 30, types },
    { cursor: 'before', version: props.version },
  );
  const items = useItems([...new Set(list.rows.map((e) => e.itemId).filter((id): id is string => id !== null))]);

  return (
    <Card
      title="Timeline"
      subtitle="Every event, newest first"
      testid="customer-timeline"
      actions={
        <select value={types} onChange={(e) => setTypes(e.currentTarget.value)} aria-label="Event types">
          {FILTERS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      }
    >
      <ProblemBox error={list.error} />
      <ol class="timeline">
        {list.rows.map((e) => {
          const item = e.itemId === null ? undefined : items.get(e.itemId);
          return (
            <li
              key={e.id}
              class="timeline-event"
              data-testid="timeline-event"
              data-type={e.type}
              data-item-id={e.itemId ?? ''}
            >
              <span class={`dot dot-${TONES[e.type] ?? 'neutral'}`} aria-hidden="true" />
              <div class="timeline-main">
                <div class="timeline-line">
                  <Badge tone={TONES[e.type] ?? 'neutral'}>{humanize(e.type)}</Badge>
                  {e.itemId !== null && (
                    <span class="timeline-item" title={e.itemId}>
                      {item ? item.title : e.itemId}
                    </span>
                  )}
                  <span class="timeline-detail">{detail(e, props.currency)}</span>
                </div>
                <div class="timeline-meta">
                  {formatDateTime(e.timestamp)} · {e.channel}
                  {e.itemId !== null && item && <span class="mono"> · {e.itemId}</span>}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {list.loading && <Loading />}
      {!list.loading && list.rows.length === 0 && !list.error && <Empty>No events of this kind.</Empty>}
      {list.hasMore && !list.loading && (
        <div class="load-more">
          <button type="button" class="btn" onClick={list.loadMore}>
            Older events
          </button>
        </div>
      )}
    </Card>
  );
}
