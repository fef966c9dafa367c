/** Identity merge: an anonymous or device id that becomes a known customer. */
import { Type, type Static } from '@sinclair/typebox';
import { IdSchema } from './common.js';

/** A request to merge an anonymous id into a customer. */
export const MergeInputSchema = Type.Object(
  { anonymousId: IdSchema, customerId: IdSchema },
  { additionalProperties: false, $id: 'MergeInput' },
);
/** A request to merge an anonymous id into a customer. */
export type MergeInput = Static<typeof MergeInputSchema>;

/** A stored merge. */
export interface IdentityLink {
  anonymousId: string;
  customerId: string;
  /** Epoch ms. */
  mergedAt: number;
}
