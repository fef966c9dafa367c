/** Store-wide journey settings: channels' providers, default caps and quiet hours, the public base URL. */
import { Type, type Static } from '@sinclair/typebox';
import { CapSchema, QuietHoursSchema } from './definition.js';

const Provider = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000 }),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);

const Rate = Type.Number({ exclusiveMinimum: 0, maximum: 100_000 });

/** The settings document (GET/PUT /v1/journeys/settings). */
export const JourneySettingsSchema = Type.Object(
  {
    /** Where links in messages point (unsubscribe, tracking); the server's own address by default. */
    publicUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    email: Type.Optional(
      Type.Object(
        {
          smtpUrl: Type.String({ minLength: 1, maxLength: 1000 }),
          from: Type.String({ minLength: 3, maxLength: 300 }),
        },
        { additionalProperties: false },
      ),
    ),
    providers: Type.Optional(
      Type.Object(
        { sms: Type.Optional(Provider), push: Type.Optional(Provider), wechat: Type.Optional(Provider) },
        { additionalProperties: false },
      ),
    ),
    caps: Type.Optional(Type.Record(Type.String(), Type.Array(CapSchema, { maxItems: 5 }))),
    quietHours: Type.Optional(QuietHoursSchema),
    /** Attempts before a message becomes a dead letter. */
    maxAttempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
    /** Messages sent at once per delivery round. */
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    /**
     * Messages a second per provider, shared by every worker: e-mail (the SMTP server), each HTTP provider, and
     * for webhooks each receiving origin. Messages over the rate wait for it; none is dropped.
     */
    rateLimits: Type.Optional(
      Type.Object(
        {
          email: Type.Optional(Rate),
          sms: Type.Optional(Rate),
          push: Type.Optional(Rate),
          wechat: Type.Optional(Rate),
          webhook: Type.Optional(Rate),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'JourneySettings' },
);
/** Journey settings. */
export type JourneySettings = Static<typeof JourneySettingsSchema>;

/** Defaults: ≤ 1 e-mail a day and ≤ 3 a week, ≤ 1 SMS a day; quiet 21:00–08:00 (for journeys that ask). */
export const DEFAULT_SETTINGS = {
  caps: {
    email: [
      { max: 1, per: 'P1D' },
      { max: 3, per: 'P7D' },
    ],
    sms: [{ max: 1, per: 'P1D' }],
    push: [{ max: 3, per: 'P1D' }],
    wechat: [{ max: 1, per: 'P1D' }],
  },
  quietHours: { start: '21:00', end: '08:00' },
  maxAttempts: 8,
  concurrency: 64,
} satisfies JourneySettings;

/** Customer traits holding each channel's address. */
export const ADDRESS_TRAITS: Record<string, string> = {
  email: 'email',
  sms: 'phone',
  push: 'pushToken',
  wechat: 'wechatOpenId',
};

/** Consent flag checked per channel (WeChat messages count as push). */
export const CONSENT_OF: Record<string, 'email' | 'sms' | 'push' | null> = {
  email: 'email',
  sms: 'sms',
  push: 'push',
  wechat: 'push',
  webhook: null,
};
