/** Thread side of the UCI floor in src/forecast/auto-forecast.test.ts: fit weeks 0–43, forecast 8, mean RMSSE. */
import { readFileSync } from 'node:fs';
import { rmsse, squaredScale } from '../../src/forecast/accuracy.js';
import { forecastBatch } from '../../src/forecast/forecast-batch.js';
import { EtsModel } from '../../src/forecast/models/ets.js';
import { postResult } from './post-result.js';

await postResult(({ file }: { file: string }) => {
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const series = rows
    .map((line) => Float64Array.from(line.split(',').slice(1, 53).map(Number)))
    .filter((y) => squaredScale(y.subarray(0, 44)) > 0);
  const { forecasts, global } = forecastBatch(
    series.map((y) => y.subarray(0, 44)),
    { h: 8, m: 52 },
  );
  let ours = 0;
  let ses = 0;
  series.forEach((y, i) => {
    ours += rmsse(y.subarray(0, 44), y.subarray(44), forecasts[i]!.mean);
    ses += rmsse(y.subarray(0, 44), y.subarray(44), new EtsModel('N', 'N').fit(y.subarray(0, 44), 1).forecast(8));
  });
  return { ours: ours / series.length, ses: ses / series.length, blend: global?.blend, shares: global?.shares };
});
