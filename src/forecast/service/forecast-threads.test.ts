import { describe, expect, it } from 'vitest';
import { spiky } from '../../../test/helpers/spiky-series.js';
import { forecastBatch, type BatchForecast } from '../forecast-batch.js';
import { forecastBatchOnThreads } from './forecast-threads.js';

/** Every number of a batch's forecasts, to compare two runs exactly. */
function numbers(result: BatchForecast): unknown {
  return {
    global: result.global,
    calibrated: result.calibrated,
    forecasts: result.forecasts.map((f) => ({
      mean: Array.from(f.mean),
      intervals: f.intervals.map((i) => [i.level, Array.from(i.lower), Array.from(i.upper)]),
      components: f.components,
    })),
  };
}

describe('forecasts on worker threads', () => {
  it('fit the pooled models side by side and give exactly the forecasts of one thread', async () => {
    const batch = spiky(60, 48, 1);
    const here = forecastBatch(batch, { h: 4, m: 1 });
    // Every pooled model wins its place on these series (blend "all"), so both rounds of fits run.
    expect(here.global?.used).toBe(true);
    const threaded = await forecastBatchOnThreads(batch, { h: 4, m: 1 }, 2);
    expect(numbers(threaded)).toEqual(numbers(here));
    // The network's fits cost the same on 60 series as on 10,000: a few seconds on idle cores, minutes under load.
  }, 300_000);
});
