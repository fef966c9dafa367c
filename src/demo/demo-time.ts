/** Time constants and calendar helpers for the demo history (the store's local time is UTC+8). */

import { DAY_MS } from '../domain/common.js';

/** One day in milliseconds (defined once, in the domain). */
export { DAY_MS };

/** China Standard Time offset: shoppers live in UTC+8, so daily and weekly rhythms follow it. */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;

/** Today 00:00 UTC for a clock reading, the default end of the demo history. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Traffic multiplier of a day: weekly cycle, shopping festivals (618, 双十一, 双十二) and their run-ups. */
export function dayTraffic(dayStartMs: number): number {
  const local = new Date(dayStartMs + LOCAL_OFFSET_MS);
  const weekday = local.getUTCDay(); // 0 = Sunday
  const weekly = [1.2, 0.9, 0.88, 0.92, 0.97, 1.05, 1.25][weekday] ?? 1;
  return weekly * festivalBoost(local.getUTCMonth() + 1, local.getUTCDate());
}

/** How much a day's traffic is lifted by a festival (1 when none). */
export function festivalBoost(month: number, date: number): number {
  if (month === 11 && date === 11) return 3.5;
  if (month === 11 && date >= 1 && date <= 10) return 1.35;
  if (month === 11 && date === 12) return 1.5;
  if (month === 6 && date === 18) return 2.5;
  if (month === 6 && date >= 1 && date <= 17) return 1.2;
  if (month === 12 && date === 12) return 1.8;
  return 1;
}

/** Conversion lift on festival days: shoppers wait for them to buy. */
export function festivalConversion(dayStartMs: number): number {
  const local = new Date(dayStartMs + LOCAL_OFFSET_MS);
  const month = local.getUTCMonth() + 1;
  const date = local.getUTCDate();
  if ((month === 11 && date === 11) || (month === 6 && date === 18)) return 1.8;
  if (month === 12 && date === 12) return 1.4;
  return 1;
}

/** Demand multiplier for seasonal categories by local month (northern hemisphere). */
export function seasonWeight(season: 'summer' | 'winter' | undefined, dayStartMs: number): number {
  if (!season) return 1;
  const month = new Date(dayStartMs + LOCAL_OFFSET_MS).getUTCMonth() + 1;
  const summer = [0.3, 0.3, 0.5, 0.8, 1.3, 1.8, 2, 1.8, 1.1, 0.6, 0.4, 0.3][month - 1] ?? 1;
  return season === 'summer' ? summer : 2.3 - summer;
}
