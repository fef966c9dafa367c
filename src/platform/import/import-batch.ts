/**
 * What the import's preparation step (read, parse, validate, build rows) hands to its write step. Plain
 * data only: when the files are read on a worker thread, every batch crosses threads by structured clone.
 */
import type { RecordKind } from '../../datasets/source-record.js';
import { EVENT_COLUMNS } from '../../store/event-columns.js';

/** A record that was not imported, and why. */
export interface Rejection {
  file: string;
  line: number;
  kind: RecordKind | 'unknown';
  issues: { field: string; message: string }[];
  value?: unknown;
}

/** What preparation needs to know (the same on either thread). */
export interface PrepareSettings {
  /** The import's clock reading: received time of every event, and the bound for future timestamps. */
  now: number;
  /** How far ahead of `now` a timestamp may be, ms. */
  maxFutureMs: number;
  /** Report invalid records and go on, instead of stopping at the first. */
  skipInvalid: boolean;
  /** Events will be checked against the catalogue while written: keep each row's origin for the rejection. */
  strict: boolean;
  /** Records per batch. */
  batchSize: number;
}

/** Values per event row. */
export const EVENT_WIDTH = EVENT_COLUMNS.length;
/** Where the customer id sits in an event row. */
export const CUSTOMER_COLUMN = EVENT_COLUMNS.indexOf('customer_id');
/** Where the anonymous id sits in an event row. */
export const ANONYMOUS_COLUMN = EVENT_COLUMNS.indexOf('anonymous_id');
/** Where the item id sits in an event row. */
export const ITEM_COLUMN = EVENT_COLUMNS.indexOf('item_id');
/** Where the event time sits in an event row. */
export const TIME_COLUMN = EVENT_COLUMNS.indexOf('ts');

/** Fields every batch carries. */
interface BatchBase {
  /** Records read so far (valid or not), for progress. */
  read: number;
  /** Records rejected since the previous batch (only with skipInvalid). */
  rejected: Rejection[];
}

/** Validated items or customers, in the API's input shape. */
export interface RecordBatch extends BatchBase {
  kind: 'items' | 'customers';
  values: unknown[];
}

/** Validated, normalised events as table rows, ready to insert. */
export interface EventRowBatch extends BatchBase {
  kind: 'events';
  count: number;
  /** `count × EVENT_WIDTH` values in EVENT_COLUMNS order; properties already JSON text. */
  rows: unknown[];
  /** Rows sent with only an anonymous id: an identity link may name their customer. */
  anonymous: number[];
  /** Customers first seen in this batch (in no earlier one of this import), with the time of that event. */
  newCustomers: string[];
  newCustomerTimes: number[];
  /** In strict mode, each row's origin and input, to report the rows whose item is unknown. */
  origins?: { file: string; line: number; value: unknown }[];
}

/** The first invalid record when not skipping: the import stops here and writes nothing. */
export interface InvalidBatch extends BatchBase {
  kind: 'invalid';
  rejection: Rejection;
}

/** Everything was read. */
export interface EndBatch extends BatchBase {
  kind: 'end';
}

/** One step of a prepared import. */
export type PreparedBatch = RecordBatch | EventRowBatch | InvalidBatch | EndBatch;
