/**
 * Forecasting and pricing on the job queue: a daily run (forecasts, then price suggestions from them) and
 * runs on demand. Fits run on worker threads inside the job, so neither the API nor the worker's event
 * loop stalls.
 */
import type { ForecastService, SalesFrequency } from '../forecast/index.js';
import type { PricingService, PriceEnding, PriceObjective } from '../pricing/index.js';
import type { Clock } from '../platform/index.js';
import type { JobQueue } from './job-queue.js';
import { DAY_MS } from '../domain/index.js';

/** Forecasts every series and stores them with inventory status. */
export const FORECAST_JOB = 'forecast.run';
/** Estimates elasticities and stores price suggestions. */
export const PRICING_JOB = 'pricing.run';

/** Daily at 04:00 UTC, after the customer analytics run. */
const RUN_HOUR_UTC = 4;

/** The payload of {@link FORECAST_JOB}. */
export interface ForecastJobPayload {
  /** day, week (default) or month. */
  frequency?: SalesFrequency;
  horizon?: number;
  /** Run pricing after the forecasts (the daily run does). */
  thenPricing?: boolean;
}

/** The payload of {@link PRICING_JOB}. */
export interface PricingJobPayload {
  objective?: PriceObjective;
  maxChange?: number;
  minMargin?: number;
  ending?: PriceEnding;
}

/** Registers the forecasting and pricing handlers. */
export function defineForecastJobs(queue: JobQueue, forecasts: ForecastService, pricing: PricingService): void {
  queue.define(FORECAST_JOB, async (payload, ctx) => {
    const p = (payload ?? {}) as ForecastJobPayload;
    const summary = await forecasts.run({
      ...(p.frequency === 'day' || p.frequency === 'week' || p.frequency === 'month' ? { frequency: p.frequency } : {}),
      ...(typeof p.horizon === 'number' ? { horizon: p.horizon } : {}),
      onProgress: (fraction, message) => ctx.progress(fraction, message),
    });
    // Pricing reasons in weekly units, so only a weekly run refreshes the suggestions.
    const priced = p.thenPricing && summary.frequency === 'week' ? await pricing.run() : undefined;
    return { ...summary, ...(priced ? { pricing: priced } : {}) };
  });
  queue.define(PRICING_JOB, async (payload) => {
    const p = (payload ?? {}) as PricingJobPayload;
    return pricing.run({
      ...(p.objective ? { objective: p.objective } : {}),
      rails: {
        ...(p.maxChange !== undefined ? { maxChange: p.maxChange } : {}),
        ...(p.minMargin !== undefined ? { minMargin: p.minMargin } : {}),
        ...(p.ending ? { ending: p.ending } : {}),
      },
    });
  });
}

/** Schedules the daily forecast-and-pricing run; idempotent. */
export async function scheduleForecastJobs(queue: JobQueue, clock: Clock): Promise<void> {
  const now = clock();
  const today = Math.floor(now / DAY_MS) * DAY_MS + RUN_HOUR_UTC * 3_600_000;
  await queue.schedule(FORECAST_JOB, FORECAST_JOB, DAY_MS, { thenPricing: true }, today > now ? today : today + DAY_MS);
}
