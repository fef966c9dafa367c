/** Time arithmetic for journeys with Luxon: ISO 8601 durations, times of day and quiet hours in a time zone. */
import { DateTime, Duration, IANAZone } from 'luxon';

/** The zone used when a customer has none or an unknown one. */
export const DEFAULT_ZONE = 'UTC';

/** Whether a string is an ISO 8601 duration Luxon understands, longer than zero. */
export function isIsoDuration(text: string): boolean {
  const d = Duration.fromISO(text);
  return d.isValid && d.toMillis() > 0;
}

/** `at` plus an ISO duration, in calendar terms in the zone (P1M from 31 Jan is the end of February). */
export function addIsoDuration(at: number, iso: string, zone: string = DEFAULT_ZONE): number {
  const d = parsedDuration(iso);
  const z = validZone(zone);
  // In UTC a day is always 24 hours, so only months and years need the calendar (a third of a placement's
  // time went to Luxon for a plain `P1D`).
  if (z === DEFAULT_ZONE && d.fixedMs !== null) return at + d.fixedMs;
  return DateTime.fromMillis(at, { zone: z }).plus(d.duration).toMillis();
}

const durations = new Map<string, { duration: Duration; fixedMs: number | null }>();

/** A parsed duration (remembered per text) and, when it has no months or years, its length in ms. */
function parsedDuration(iso: string): { duration: Duration; fixedMs: number | null } {
  let parsed = durations.get(iso);
  if (!parsed) {
    const duration = Duration.fromISO(iso);
    if (!duration.isValid) throw new Error(`not an ISO 8601 duration: "${iso}"`);
    const calendar = duration.years !== 0 || duration.quarters !== 0 || duration.months !== 0;
    parsed = { duration, fixedMs: calendar ? null : duration.toMillis() };
    if (durations.size < 1000) durations.set(iso, parsed);
  }
  return parsed;
}

/** The length of an ISO duration in ms, months as 30 days (for windows such as caps and attribution). */
export function isoDurationMs(iso: string): number {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new Error(`not an ISO 8601 duration: "${iso}"`);
  return d.toMillis();
}

// Luxon checks a zone by building an Intl formatter each time (milliseconds under load): remembered per name.
const zoneChecks = new Map<string, boolean>();

/** The zone itself when valid, else UTC (a typo in a customer's trait must not stop their journey). */
export function validZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_ZONE;
  let valid = zoneChecks.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneChecks.size < 1000) zoneChecks.set(zone, valid);
  }
  return valid ? zone : DEFAULT_ZONE;
}

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The next moment strictly after `at` when the clock in the zone shows `hhmm`. */
export function nextTimeOfDay(at: number, hhmm: string, zone: string): number {
  const local = DateTime.fromMillis(at, { zone: validZone(zone) });
  const minutes = minutesOf(hhmm);
  let candidate = local.startOf('day').plus({ minutes });
  if (candidate.toMillis() <= at) candidate = local.startOf('day').plus({ days: 1, minutes });
  return candidate.toMillis();
}

/**
 * When quiet hours [start, end) in the zone hold at `at`, the moment they end; otherwise null. A window may
 * span midnight (21:00–08:00).
 */
export function quietUntil(at: number, window: { start: string; end: string }, zone: string): number | null {
  const local = DateTime.fromMillis(at, { zone: validZone(zone) });
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return null;
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  return nextTimeOfDay(at, window.end, zone);
}
