/**
 * Branch conditions: the segment rule language (profile, RFM, predictions) plus journey functions over the
 * trigger's properties, the customer's traits and consent, and "has done X since entering".
 */
import {
  compileRule,
  DEFAULT_CATALOGUE,
  type CompiledRule,
  type FieldCatalogue,
  type SegmentSubject,
} from '../customers/index.js';

/** What a condition sees: a segment subject plus the journey's own context. */
export interface ConditionSubject extends SegmentSubject {
  journey: {
    /** The triggering event's properties (and itemId, orderId, revenue as top-level keys). */
    trigger: Record<string, unknown>;
    /** Event types the customer did since entering, with counts. */
    since: ReadonlyMap<string, number>;
    traits: Record<string, unknown>;
    consent: Record<string, boolean>;
  };
}

/** Text of a scalar for equality tests; objects and absent values match nothing but an empty string. */
const scalarText = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const ctx = (s: SegmentSubject) => (s as ConditionSubject).journey;
const asNumber = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;

/** The catalogue branch conditions are compiled with. */
export const JOURNEY_CATALOGUE: FieldCatalogue = {
  fields: DEFAULT_CATALOGUE.fields,
  functions: {
    ...DEFAULT_CATALOGUE.functions,
    done: {
      params: ['string'],
      returns: 'boolean',
      doc: 'the customer did an event of this type since entering the journey',
      make:
        ([type]) =>
        (s) =>
          (ctx(s).since.get(type as string) ?? 0) > 0,
    },
    done_count: {
      params: ['string'],
      returns: 'number',
      doc: 'how many events of this type the customer did since entering',
      make:
        ([type]) =>
        (s) =>
          ctx(s).since.get(type as string) ?? 0,
    },
    trigger_number: {
      params: ['string'],
      returns: 'number',
      doc: "a number from the trigger event's properties (NaN when absent)",
      make:
        ([key]) =>
        (s) =>
          asNumber(ctx(s).trigger[key as string]),
    },
    trigger_is: {
      params: ['string', 'string'],
      returns: 'boolean',
      doc: "the trigger event's property equals the text",
      make:
        ([key, value]) =>
        (s) =>
          scalarText(ctx(s).trigger[key as string]) === value,
    },
    trait_number: {
      params: ['string'],
      returns: 'number',
      doc: "a number from the customer's traits (NaN when absent)",
      make:
        ([key]) =>
        (s) =>
          asNumber(ctx(s).traits[key as string]),
    },
    trait_is: {
      params: ['string', 'string'],
      returns: 'boolean',
      doc: "the customer's trait equals the text",
      make:
        ([key, value]) =>
        (s) =>
          scalarText(ctx(s).traits[key as string]) === value,
    },
    consented: {
      params: ['string'],
      returns: 'boolean',
      doc: 'the customer consented to marketing on the channel (email, sms, push)',
      make:
        ([channel]) =>
        (s) =>
          ctx(s).consent[channel as string] === true,
    },
  },
};

/** Compiles a branch condition; throws the rule language's positioned error. */
export function compileCondition(source: string): CompiledRule {
  return compileRule(source, JOURNEY_CATALOGUE);
}
