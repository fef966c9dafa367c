/**
 * Periods of a sales history: `YYYY-MM-DD` days (daily or weekly data) or `YYYY-MM` months, their
 * frequency inferred from the spacing, the season length that goes with it, and the periods that follow.
 */
import { DAY_MS } from '../domain/index.js';

/** How often a series has a value. */
export type Frequency = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Frequencies, in order. */
export const FREQUENCIES: readonly Frequency[] = ['day', 'week', 'month', 'quarter', 'year'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** A parsed period: a UTC day, and whether it was written as a month. */
export interface Period {
  ms: number;
  monthly: boolean;
}

/** Parses `YYYY-MM-DD` or `YYYY-MM`; undefined when it is neither or not a real date. */
export function parsePeriod(text: string): Period | undefined {
  const d = DATE.exec(text);
  const mo = d ? undefined : MONTH.exec(text);
  const [y, m, day] = d ? [d[1], d[2], d[3]] : mo ? [mo[1], mo[2], '01'] : [];
  if (y === undefined) return undefined;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(day));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(day)) return undefined;
  return { ms, monthly: !d };
}

/** Whole months from `a` to `b` when both fall on the same day of the month, else undefined. */
function monthsBetween(a: number, b: number): number | undefined {
  const da = new Date(a);
  const db = new Date(b);
  if (da.getUTCDate() !== db.getUTCDate()) return undefined;
  return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
}

/**
 * The frequency of sorted periods, or an error message naming what is wrong. A single period
 * counts as its written form suggests (a month, or a day).
 */
export function inferFrequency(periods: readonly Period[]): Frequency | { error: string } {
  if (periods.length < 2) return periods[0]?.monthly ? 'month' : 'day';
  const first = periods[1]!.ms - periods[0]!.ms;
  if (first === DAY_MS || first === 7 * DAY_MS) {
    for (let i = 2; i < periods.length; i++)
      if (periods[i]!.ms - periods[i - 1]!.ms !== first) return { error: spacingError(periods, i) };
    return first === DAY_MS ? 'day' : 'week';
  }
  const step = monthsBetween(periods[0]!.ms, periods[1]!.ms);
  if (step === 1 || step === 3 || step === 12) {
    for (let i = 2; i < periods.length; i++)
      if (monthsBetween(periods[i - 1]!.ms, periods[i]!.ms) !== step) return { error: spacingError(periods, i) };
    return step === 1 ? 'month' : step === 3 ? 'quarter' : 'year';
  }
  return {
    error: `periods ${iso(periods[0]!)} and ${iso(periods[1]!)} are not 1 day, 1 week, 1, 3 or 12 months apart`,
  };
}

function spacingError(periods: readonly Period[], i: number): string {
  return `periods are not equally spaced: ${iso(periods[i - 1]!)} is followed by ${iso(periods[i]!)}`;
}

/** The period as written (`YYYY-MM` for months, `YYYY-MM-DD` otherwise). */
export function iso(period: Period): string {
  const text = new Date(period.ms).toISOString();
  return period.monthly ? text.slice(0, 7) : text.slice(0, 10);
}

/** The season length of a frequency: a week of days, a year of weeks, months or quarters. */
export function seasonLength(frequency: Frequency): number {
  return { day: 7, week: 52, month: 12, quarter: 4, year: 1 }[frequency];
}

/** The `h` periods after `last`, written like it. */
export function nextPeriods(last: Period, frequency: Frequency, h: number): Period[] {
  const out: Period[] = [];
  const d = new Date(last.ms);
  for (let k = 1; k <= h; k++) {
    let ms: number;
    if (frequency === 'day' || frequency === 'week') ms = last.ms + k * (frequency === 'day' ? 1 : 7) * DAY_MS;
    else {
      const months = k * (frequency === 'month' ? 1 : frequency === 'quarter' ? 3 : 12);
      ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
    }
    out.push({ ms, monthly: last.monthly });
  }
  return out;
}

/** Frequencies a store's own purchases can be bucketed by. */
export type SalesFrequency = 'day' | 'week' | 'month';

/** 1970-01-05 was a Monday: ISO weeks start there. */
const MONDAY_OFFSET = 4 * DAY_MS;

/** The start (UTC ms) of the day, ISO week (Monday) or calendar month holding `ms`. */
export function bucketStart(ms: number, frequency: SalesFrequency): number {
  if (frequency === 'day') return Math.floor(ms / DAY_MS) * DAY_MS;
  if (frequency === 'week') return Math.floor((ms - MONDAY_OFFSET) / (7 * DAY_MS)) * 7 * DAY_MS + MONDAY_OFFSET;
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Whole buckets from the bucket starting at `from` to the one starting at `to` (both bucket starts). */
export function bucketsBetween(from: number, to: number, frequency: SalesFrequency): number {
  if (frequency !== 'month') return Math.round((to - from) / ((frequency === 'day' ? 1 : 7) * DAY_MS));
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

/** The bucket `k` buckets after the one starting at `first`, as a period (months written `YYYY-MM`). */
export function bucketPeriod(first: number, k: number, frequency: SalesFrequency): Period {
  if (frequency !== 'month') return { ms: first + k * (frequency === 'day' ? 1 : 7) * DAY_MS, monthly: false };
  const d = new Date(first);
  return { ms: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1), monthly: true };
}

/** Days in one period of a frequency (a month counts its average length), for lead times and days of cover. */
export function periodDays(frequency: Frequency): number {
  return { day: 1, week: 7, month: 365.25 / 12, quarter: 365.25 / 4, year: 365.25 }[frequency];
}
