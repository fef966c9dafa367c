/** The journey definition: what a caller sends to POST /v1/journeys, as TypeBox schemas and types. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
const Duration = Type.String({
  minLength: 2,
  maxLength: 64,
  description: 'an ISO 8601 duration, e.g. PT5S, PT1H, P3D',
});
const TimeOfDay = Type.String({
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  description: 'HH:mm in the customer’s time zone',
});

/** Trigger: an event type, optionally with property conditions (`where`: property → required value). */
export const EventTriggerSchema = Type.Object(
  { event: Type.String({ minLength: 1, maxLength: 100 }), where: Type.Optional(Type.Record(Type.String(), Scalar)) },
  { additionalProperties: false },
);
/** Trigger: a customer entering (default) or leaving a saved segment, by id or name. */
export const SegmentTriggerSchema = Type.Object(
  {
    segment: Type.String({ minLength: 1, maxLength: 200 }),
    on: Type.Optional(Type.Union([Type.Literal('enter'), Type.Literal('exit')])),
  },
  { additionalProperties: false },
);
/**
 * Trigger: a date — the customer's birthday (a trait, `YYYY-MM-DD` or `MM-DD`), or `days` after their last
 * order — judged once a day in `timezone` (default UTC).
 */
export const DateTriggerSchema = Type.Object(
  {
    date: Type.Union([Type.Literal('birthday'), Type.Literal('last_order')]),
    trait: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'birthday: the trait holding it (default birthday)' }),
    ),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'last_order: days since it' })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
/** The event types that show interest in an item, by default, for item triggers. */
export const DEFAULT_INTEREST = ['view', 'add_to_cart', 'wishlist'] as const;
/** Item triggers judged by the forecasting run's inventory flags rather than by catalogue changes. */
export const STOCK_RISK_TRIGGERS = ['stockout_risk', 'overstock'] as const;
/** The item trigger judged by the review scoring job's drop signal (recent sentiment below the item's baseline). */
export const SENTIMENT_DROP_TRIGGER = 'sentiment_drop';
/**
 * Trigger: an item's price dropped or it came back in stock, or the forecasting run newly flagged it as likely
 * to run out (`stockout_risk`) or overstocked (`overstock`), or its reviews newly turned below its own
 * baseline (`sentiment_drop`), for each customer who showed interest in it
 * (`interest` event types, default view, add_to_cart, wishlist) within `within` (default P30D).
 */
export const ItemTriggerSchema = Type.Object(
  {
    item: Type.Union([
      Type.Literal('price_drop'),
      Type.Literal('back_in_stock'),
      ...STOCK_RISK_TRIGGERS.map((t) => Type.Literal(t)),
      Type.Literal(SENTIMENT_DROP_TRIGGER),
    ]),
    interest: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 10 })),
    within: Type.Optional(Duration),
    minDropPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
/** Trigger: a one-off broadcast — at `schedule` (ISO date-time) every member of the segment enters, once. */
export const ScheduleTriggerSchema = Type.Object(
  {
    schedule: Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 date-time' }),
    segment: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
/** A date trigger. */
export type DateTrigger = Static<typeof DateTriggerSchema>;
/** An item trigger. */
export type ItemTrigger = Static<typeof ItemTriggerSchema>;
/** A schedule (broadcast) trigger. */
export type ScheduleTrigger = Static<typeof ScheduleTriggerSchema>;
/** Every kind of trigger. */
export type Trigger =
  Static<typeof EventTriggerSchema> | Static<typeof SegmentTriggerSchema> | DateTrigger | ItemTrigger | ScheduleTrigger;

/** The kind of a trigger (a schedule trigger names a segment too, so it is told apart first). */
export function triggerKind(t: Trigger): 'event' | 'segment' | 'date' | 'item' | 'schedule' {
  if ('schedule' in t) return 'schedule';
  if ('event' in t) return 'event';
  if ('segment' in t) return 'segment';
  if ('date' in t) return 'date';
  return 'item';
}

/** Inline message content (Liquid templates) or a stored template's id. */
export const ContentSchema = Type.Object(
  {
    subject: Type.Optional(Type.String({ maxLength: 500 })),
    html: Type.Optional(Type.String({ maxLength: 200_000 })),
    text: Type.Optional(Type.String({ maxLength: 100_000 })),
    body: Type.Optional(Type.String({ maxLength: 20_000, description: 'SMS, push and WeChat text' })),
    title: Type.Optional(Type.String({ maxLength: 500, description: 'push title' })),
  },
  { additionalProperties: false },
);
/** Message content. */
export type Content = Static<typeof ContentSchema>;

const Localised = Type.Record(Type.String({ pattern: '^[a-z]{2}(-[A-Za-z]{2,4})?$' }), ContentSchema);

const StepBase = {
  id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  name: Type.Optional(Type.String({ maxLength: 200 })),
};

/** The channels a message can go out on. */
export const CHANNELS = ['email', 'webhook', 'sms', 'push', 'wechat'] as const;
/** A message channel. */
export type ChannelName = (typeof CHANNELS)[number];

/** One step's schema per `type`; validated one by one so an error names the step and field. */
export const STEP_SCHEMAS: Record<string, TSchema> = {
  wait: Type.Object(
    {
      ...StepBase,
      type: Type.Literal('wait'),
      duration: Type.Optional(Duration),
      until: Type.Optional(TimeOfDay),
      event: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      timeout: Type.Optional(Duration),
    },
    { additionalProperties: false },
  ),
  branch: Type.Object(
    {
      ...StepBase,
      type: Type.Literal('branch'),
      if: Type.String({ minLength: 1, maxLength: 4000 }),
      then: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 100 })),
      else: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 100 })),
    },
    { additionalProperties: false },
  ),
  split: Type.Object(
    {
      ...StepBase,
      type: Type.Literal('split'),
      paths: Type.Array(
        Type.Object(
          {
            weight: Type.Number({ exclusiveMinimum: 0 }),
            steps: Type.Array(Type.Unknown(), { maxItems: 100 }),
            name: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
        { minItems: 2, maxItems: 10 },
      ),
    },
    { additionalProperties: false },
  ),
  send: Type.Object(
    {
      ...StepBase,
      type: Type.Literal('send'),
      channel: Type.Union(CHANNELS.map((c) => Type.Literal(c))),
      template: Type.Optional(
        Type.String({ minLength: 1, maxLength: 200, description: 'a stored template id or name' }),
      ),
      content: Type.Optional(Type.Union([ContentSchema, Localised])),
      url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'webhook or provider URL' })),
      secret: Type.Optional(
        Type.String({ minLength: 8, maxLength: 200, description: 'HMAC key for webhook signatures' }),
      ),
      headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    },
    { additionalProperties: false },
  ),
  webhook: Type.Object(
    {
      ...StepBase,
      type: Type.Literal('webhook'),
      url: Type.String({ minLength: 1, maxLength: 2000 }),
      secret: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
      headers: Type.Optional(Type.Record(Type.String(), Type.String())),
      body: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    { additionalProperties: false },
  ),
  set_trait: Type.Object(
    {
      ...StepBase,
      type: Type.Literal('set_trait'),
      trait: Type.String({ minLength: 1, maxLength: 100 }),
      value: Type.Union([Scalar, Type.Null()]),
    },
    { additionalProperties: false },
  ),
  exit: Type.Object({ ...StepBase, type: Type.Literal('exit') }, { additionalProperties: false }),
};

/** A validated step (nested lists already checked). */
export type Step =
  | { type: 'wait'; id?: string; name?: string; duration?: string; until?: string; event?: string; timeout?: string }
  | { type: 'branch'; id?: string; name?: string; if: string; then?: Step[]; else?: Step[] }
  | { type: 'split'; id?: string; name?: string; paths: { weight: number; steps: Step[]; name?: string }[] }
  | {
      type: 'send';
      id?: string;
      name?: string;
      channel: ChannelName;
      template?: string;
      content?: Content | Record<string, Content>;
      url?: string;
      secret?: string;
      headers?: Record<string, string>;
    }
  | {
      type: 'webhook';
      id?: string;
      name?: string;
      url: string;
      secret?: string;
      headers?: Record<string, string>;
      body?: Record<string, unknown>;
    }
  | { type: 'set_trait'; id?: string; name?: string; trait: string; value: string | number | boolean | null }
  | { type: 'exit'; id?: string; name?: string };

/** A frequency cap: at most `max` messages on the channel per `per` (ISO duration), across all journeys. */
export const CapSchema = Type.Object(
  { max: Type.Integer({ minimum: 0, maximum: 1000 }), per: Duration },
  { additionalProperties: false },
);
/** A cap. */
export type Cap = Static<typeof CapSchema>;

/** Quiet hours in the customer's time zone: messages due inside are deferred to `end`, never dropped. */
export const QuietHoursSchema = Type.Object(
  { start: TimeOfDay, end: TimeOfDay, timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);
/** Quiet hours. */
export type QuietHours = Static<typeof QuietHoursSchema>;

/** The journey's top level; `steps` are checked step by step afterwards. */
export const JourneyInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('paused')])),
    trigger: Type.Record(Type.String(), Type.Unknown()),
    steps: Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1, maxItems: 200 }),
    exitOn: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 })),
    reentry: Type.Optional(
      Type.Union([Type.Literal('never'), Type.Literal('after_exit'), Type.Literal('always')], {
        description: 'never: once per customer; after_exit (default): not while in the journey; always',
      }),
    ),
    holdoutPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    caps: Type.Optional(
      Type.Union([Type.Boolean(), Type.Record(Type.String(), Type.Array(CapSchema, { maxItems: 5 }))]),
    ),
    quietHours: Type.Optional(Type.Union([Type.Boolean(), QuietHoursSchema])),
    consent: Type.Optional(
      Type.Boolean({ description: 'require channel consent (default: true for email, sms, push, wechat)' }),
    ),
    conversion: Type.Optional(
      Type.Object(
        { event: Type.Optional(Type.String({ minLength: 1 })), within: Type.Optional(Duration) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'JourneyInput' },
);

/** A journey as a caller sends it (before step checks). */
export type JourneyInput = Static<typeof JourneyInputSchema>;

/** A journey definition after validation. */
export interface JourneyDefinition {
  name: string;
  description: string | null;
  trigger: Trigger;
  steps: Step[];
  exitOn: string[];
  reentry: 'never' | 'after_exit' | 'always';
  holdoutPercent: number;
  /** true: the store-wide caps; false/absent: none; an object: caps per channel for this journey's sends. */
  caps: boolean | Record<string, Cap[]>;
  /** true: the store-wide quiet hours; false/absent: none. */
  quietHours: boolean | QuietHours;
  /** Whether sends need the customer's consent on the channel; null: the channel's default. */
  consent: boolean | null;
  conversion: { event: string; withinMs: number };
}
