/** The customer: a known shopper, with traits and marketing consent. */
import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, PropertiesSchema, TimestampInputSchema } from './common.js';

/** Marketing consent per channel; absent means not given. */
export const ConsentSchema = Type.Object(
  {
    email: Type.Optional(Type.Boolean()),
    sms: Type.Optional(Type.Boolean()),
    push: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
/** Marketing consent per channel. */
export type Consent = Static<typeof ConsentSchema>;

/** A customer as sent by a client (create or full replace). */
export const CustomerInputSchema = Type.Object(
  {
    id: IdSchema,
    traits: Type.Optional(PropertiesSchema),
    consent: Type.Optional(ConsentSchema),
    createdAt: Type.Optional(TimestampInputSchema),
  },
  { additionalProperties: false, $id: 'CustomerInput' },
);
/** A customer as sent by a client. */
export type CustomerInput = Static<typeof CustomerInputSchema>;

/** A partial update of a customer: traits are merged key by key (a null value removes a key). */
export const CustomerPatchSchema = Type.Object(
  { traits: Type.Optional(PropertiesSchema), consent: Type.Optional(ConsentSchema) },
  { additionalProperties: false, minProperties: 1, $id: 'CustomerPatch' },
);
/** A partial update of a customer. */
export type CustomerPatch = Static<typeof CustomerPatchSchema>;

/** A customer as stored and returned. */
export const CustomerSchema = Type.Object(
  {
    id: Type.String(),
    traits: PropertiesSchema,
    consent: Type.Object({ email: Type.Boolean(), sms: Type.Boolean(), push: Type.Boolean() }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Customer' },
);
/** A customer as stored and returned. */
export type Customer = Static<typeof CustomerSchema>;
