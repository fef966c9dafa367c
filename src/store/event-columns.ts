/** The column layout of an event row as the store writes it in bulk (imports pack rows in this order). */

/** The event columns written by `DialectAdapter.insertEventRows`, in order. */
export const EVENT_COLUMNS = [
  'id',
  'type',
  'customer_id',
  'anonymous_id',
  'item_id',
  'quantity',
  'price',
  'revenue',
  'currency',
  'order_id',
  'query',
  'rating',
  'review',
  'channel',
  'session_id',
  'recommendation_id',
  'ts',
  'received_at',
  'properties',
] as const;
