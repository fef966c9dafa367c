/** The behaviour event: one thing a shopper did, on one channel, at one time. */
import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, PropertiesSchema, TimestampInputSchema } from './common.js';

/** The built-in event types a client may send. */
export const STANDARD_EVENT_TYPES = [
  'view',
  'click',
  'add_to_cart',
  'remove_from_cart',
  'purchase',
  'refund',
  'rating',
  'review',
  'search',
  'wishlist',
] as const;
/** A built-in event type. */
export type StandardEventType = (typeof STANDARD_EVENT_TYPES)[number];

/** The type recorded when an anonymous id is merged into a customer (written by the server, not sent). */
export const IDENTIFY_EVENT_TYPE = 'identify';

/** Custom event types carry this prefix, e.g. `custom:newsletter_signup`. */
export const CUSTOM_EVENT_PREFIX = 'custom:';
const CUSTOM_TYPE_PATTERN = '^custom:[a-z0-9][a-z0-9_.-]{0,62}$';

/** Channels events come from. */
export const CHANNELS = ['web', 'app', 'store', 'social', 'email', 'other'] as const;
/** A channel. */
export type Channel = (typeof CHANNELS)[number];

/** Event types that must name an item. */
export const ITEM_EVENT_TYPES: ReadonlySet<string> = new Set([
  'view',
  'click',
  'add_to_cart',
  'remove_from_cart',
  'purchase',
  'refund',
  'rating',
  'review',
  'wishlist',
]);

/** An event as sent by a client. Either customerId or anonymousId must be present. */
export const EventInputSchema = Type.Object(
  {
    id: Type.Optional({ ...IdSchema, description: 'idempotency key: an event id sent twice is stored once' }),
    type: Type.Union([
      Type.Union(STANDARD_EVENT_TYPES.map((t) => Type.Literal(t))),
      Type.String({ pattern: CUSTOM_TYPE_PATTERN, description: 'custom type, e.g. custom:newsletter_signup' }),
    ]),
    customerId: Type.Optional(IdSchema),
    anonymousId: Type.Optional({ ...IdSchema, description: 'anonymous visitor or device id' }),
    itemId: Type.Optional(IdSchema),
    quantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    price: Type.Optional(Type.Number({ minimum: 0, description: 'unit price' })),
    revenue: Type.Optional(Type.Number({ minimum: 0, description: 'line or order revenue' })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    orderId: Type.Optional(IdSchema),
    query: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    rating: Type.Optional(Type.Number({ minimum: 0, maximum: 5 })),
    review: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
    channel: Type.Optional(Type.Union(CHANNELS.map((c) => Type.Literal(c)))),
    sessionId: Type.Optional(IdSchema),
    recommendationId: Type.Optional({ ...IdSchema, description: 'id of the recommendation this event follows' }),
    timestamp: Type.Optional(TimestampInputSchema),
    properties: Type.Optional(PropertiesSchema),
    signature: Type.Optional(
      Type.String({
        pattern: '^[0-9a-fA-F]{64}$',
        description:
          'hex HMAC-SHA256 by your server of the event (see docs/security.md): lets a browser key send purchases, refunds and custom events',
      }),
    ),
  },
  { additionalProperties: false, $id: 'EventInput' },
);
/** An event as sent by a client. */
export type EventInput = Static<typeof EventInputSchema>;

/** An event as stored: normalised, with resolved customer and epoch-millisecond times. */
export interface StoredEvent {
  /** Position in the log (monotonic per store). */
  seq: number;
  id: string;
  type: string;
  customerId: string | null;
  anonymousId: string | null;
  itemId: string | null;
  quantity: number | null;
  price: number | null;
  revenue: number | null;
  currency: string | null;
  orderId: string | null;
  query: string | null;
  rating: number | null;
  review: string | null;
  channel: Channel;
  sessionId: string | null;
  recommendationId: string | null;
  /** When it happened, epoch ms. */
  timestamp: number;
  /** When the server stored it, epoch ms. */
  receivedAt: number;
  properties: Record<string, unknown>;
}

/** A stored event before the log assigns its position. */
export type NewEvent = Omit<StoredEvent, 'seq'>;

/** An event as returned by the API (times as ISO strings). */
export const EventSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    customerId: Type.Union([Type.String(), Type.Null()]),
    anonymousId: Type.Union([Type.String(), Type.Null()]),
    itemId: Type.Union([Type.String(), Type.Null()]),
    quantity: Type.Union([Type.Number(), Type.Null()]),
    price: Type.Union([Type.Number(), Type.Null()]),
    revenue: Type.Union([Type.Number(), Type.Null()]),
    currency: Type.Union([Type.String(), Type.Null()]),
    orderId: Type.Union([Type.String(), Type.Null()]),
    query: Type.Union([Type.String(), Type.Null()]),
    rating: Type.Union([Type.Number(), Type.Null()]),
    review: Type.Union([Type.String(), Type.Null()]),
    channel: Type.String(),
    sessionId: Type.Union([Type.String(), Type.Null()]),
    recommendationId: Type.Union([Type.String(), Type.Null()]),
    timestamp: Type.String({ format: 'date-time' }),
    receivedAt: Type.String({ format: 'date-time' }),
    properties: PropertiesSchema,
  },
  { $id: 'Event' },
);
/** An event as returned by the API. */
export type EventView = Static<typeof EventSchema>;
