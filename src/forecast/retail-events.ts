/**
 * Holidays and promotions as regressors of daily and weekly demand: 双十一 (Singles' Day, 11 November),
 * 618 (JD's mid-year sale, 1–18 June, peaking on the 18th), Black Friday and Cyber Monday, and the store's
 * own promotions. Each event's effect is a multiplier learnt from the history pooled over a batch's series
 * (one series sees an event once a year), shrunk toward no effect when it was seen rarely. The history is
 * divided by it before models fit (so a spike does not pass for a level shift), and forecasts covering
 * the event are multiplied by it. Monthly and coarser data carries its events in its season already.
 */
import { DAY_MS } from '../domain/index.js';
import type { Frequency } from './periods.js';

/** A named span of days (UTC ms, end exclusive). */
export interface EventSpan {
  name: string;
  start: number;
  end: number;
}

/** Black Friday: the day after the fourth Thursday of November. */
function blackFriday(year: number): number {
  const first = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const thursday = 1 + ((4 - first + 7) % 7) + 21;
  return Date.UTC(year, 10, thursday + 1);
}

/** The built-in retail calendar for the years from `fromYear` to `toYear`. */
export function retailCalendar(fromYear: number, toYear: number): EventSpan[] {
  const out: EventSpan[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    out.push({ name: '双十一', start: Date.UTC(y, 10, 11), end: Date.UTC(y, 10, 12) });
    out.push({ name: '618', start: Date.UTC(y, 5, 16), end: Date.UTC(y, 5, 19) });
    const bf = blackFriday(y);
    out.push({ name: 'black-friday', start: bf, end: bf + DAY_MS });
    out.push({ name: 'cyber-monday', start: bf + 3 * DAY_MS, end: bf + 4 * DAY_MS });
  }
  return out;
}

/** Days of each period, by frequency (events only act on daily and weekly data). */
function periodDays(frequency: Frequency): number {
  return frequency === 'day' ? 1 : frequency === 'week' ? 7 : 0;
}

/** Per period, the names of the events it overlaps (empty arrays for most). */
export function eventsByPeriod(
  starts: readonly number[],
  frequency: Frequency,
  events: readonly EventSpan[],
): string[][] {
  const days = periodDays(frequency);
  return starts.map((s) => {
    if (days === 0) return [];
    const e = s + days * DAY_MS;
    return [...new Set(events.filter((ev) => ev.start < e && ev.end > s).map((ev) => ev.name))];
  });
}

/** A learnt multiplier per event name, and how many occurrences it came from. */
export type EventEffects = Map<string, { multiplier: number; occurrences: number }>;

/** Prior weight (in occurrences) pulling an effect toward 1. */
const SHRINK = 3;

/**
 * Learns each event's multiplier: for every occurrence in every series, the log ratio of the period's
 * value to the mean of up to two event-free periods on each side, averaged with a pull toward zero.
 */
export function learnEventEffects(series: readonly { values: Float64Array; events: string[][] }[]): EventEffects {
  const sums = new Map<string, { log: number; count: number }>();
  for (const { values, events } of series) {
    const n = values.length;
    for (let i = 0; i < n; i++) {
      if (events[i]!.length === 0 || !(values[i]! > 0)) continue;
      let base = 0;
      let count = 0;
      for (const j of [i - 2, i - 1, i + 1, i + 2]) {
        if (j < 0 || j >= n || events[j]!.length > 0) continue;
        base += values[j]!;
        count++;
      }
      if (count === 0 || !(base > 0)) continue;
      const ratio = Math.log(values[i]! / (base / count));
      for (const name of events[i]!) {
        const s = sums.get(name) ?? { log: 0, count: 0 };
        s.log += ratio / events[i]!.length;
        s.count += 1;
        sums.set(name, s);
      }
    }
  }
  const effects: EventEffects = new Map();
  for (const [name, s] of sums)
    effects.set(name, { multiplier: Math.exp(s.log / (s.count + SHRINK)), occurrences: s.count });
  return effects;
}

/** The combined multiplier of the events of one period. */
export function multiplierOf(events: readonly string[], effects: EventEffects): number {
  let m = 1;
  for (const name of events) m *= effects.get(name)?.multiplier ?? 1;
  return m;
}
