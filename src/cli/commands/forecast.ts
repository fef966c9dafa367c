/**
 * `daogou forecast`: forecast every series of a sales history CSV and write the forecasts as CSV (no database),
 * or, with --from-store, forecast the store's own purchases by day, week or month and store the run.
 */
import { Command } from 'commander';
import {
  forecastHistory,
  forecastBatchOnThreads,
  readHistoryFile,
  readPromotionsFile,
  writeForecastFile,
} from '../../forecast/index.js';
import { ValidationError } from '../../domain/index.js';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

const FREQUENCIES = ['day', 'week', 'month'] as const;

/** Parses a positive integer option, or throws naming the flag. */
function positiveInt(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ValidationError([{ field: flag, message: `must be an integer from 1 to ${max}, got "${text}"` }]);
  return n;
}

/** The components' shares of a batch's forecasts for the summary line (those without a share left out). */
function sharesText(shares: Readonly<Record<string, number>>): string {
  return Object.entries(shares)
    .filter(([, share]) => share > 0)
    .map(([component, share]) => `${component} ${share.toFixed(2)}`)
    .join(', ');
}

/** The forecast command. */
export function forecastCommand(): Command {
  return new Command('forecast')
    .description(
      'forecast a sales history CSV (header series_id,period,value; period YYYY-MM-DD or YYYY-MM, equally spaced per series)',
    )
    .option('--history <file>', 'history CSV')
    .option(
      '--horizon <n>',
      'periods to forecast past each series end (with --from-store: 28 days, 12 weeks or 6 months)',
    )
    .option('--out <file>', 'output CSV: series_id,period,value plus lower_/upper_ interval columns')
    .option(
      '--from-store',
      "forecast the store's purchases per item, category, channel and the whole store, and store the run",
    )
    .option('--frequency <f>', `with --from-store: ${FREQUENCIES.join(', ')}`, 'week')
    .option('--levels <list>', 'interval levels in percent, comma separated', '80,95')
    .option('--no-global', 'do not try the model pooled across series')
    .option('--no-holidays', 'ignore the built-in retail calendar (双十一, 618, Black Friday, Cyber Monday)')
    .option('--promotions <file>', "the store's promotions, CSV name,start,end (YYYY-MM-DD, end inclusive)")
    .option('--threads <n>', 'worker threads (default: all cores)')
    .action(
      async (
        opts: {
          history?: string;
          horizon?: string;
          out?: string;
          fromStore?: boolean;
          frequency: string;
          levels: string;
          global: boolean;
          holidays: boolean;
          promotions?: string;
          threads?: string;
        },
        cmd: Command,
      ) => {
        if (opts.fromStore) return forecastStore(opts, cmd);
        const missing = (['history', 'horizon', 'out'] as const).filter((k) => opts[k] === undefined);
        if (missing.length > 0)
          throw new ValidationError(
            missing.map((k) => ({ field: `--${k}`, message: 'is required (or use --from-store)' })),
          );
        const history = opts.history!;
        const out = opts.out!;
        const horizon = positiveInt('--horizon', opts.horizon!, 1000);
        const levels = opts.levels.split(',').map((l) => Number(l.trim()));
        if (levels.some((l) => !(l > 0 && l < 100)))
          throw new ValidationError([
            { field: '--levels', message: `must be percentages between 0 and 100, got "${opts.levels}"` },
          ]);
        const threads = opts.threads ? positiveInt('--threads', opts.threads, 256) : undefined;
        const started = performance.now();
        const series = await readHistoryFile(history);
        const promotions = opts.promotions ? await readPromotionsFile(opts.promotions) : [];
        const progress = startProgress('forecasting', series.length, 'series');
        const { forecasts, global } = await forecastHistory(
          series,
          {
            horizon,
            levels,
            global: opts.global,
            holidays: opts.holidays,
            promotions,
            onProgress: (done, total) => progress.update(done, total),
          },
          (batch, options) => forecastBatchOnThreads(batch, options, threads),
        );
        await writeForecastFile(out, forecasts);
        const pooled = Object.entries(global)
          .filter(([, v]) => v)
          .map(
            ([f, v]) =>
              `${f}: pooled models ${v!.used ? `used (shares: ${sharesText(v!.shares)})` : 'not used'} (backtest RMSSE of the best blend, ${v!.blend}, ${v!.blendRmsse.toFixed(3)}, local ${v!.localRmsse.toFixed(3)}, ridge alone ${v!.globalRmsse.toFixed(3)}, boosted alone ${v!.boostedRmsse.toFixed(3)})`,
          );
        progress.finish(
          `forecast ${series.length} series ${horizon} periods ahead in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${out}${pooled.length ? `\n${pooled.join('\n')}` : ''}`,
        );
      },
    );
}

/** --from-store: one run over the purchase log at the chosen frequency, stored like the forecast.run job's. */
async function forecastStore(opts: { frequency: string; horizon?: string }, cmd: Command): Promise<void> {
  const frequency = opts.frequency as (typeof FREQUENCIES)[number];
  if (!FREQUENCIES.includes(frequency))
    throw new ValidationError([
      { field: '--frequency', message: `must be one of ${FREQUENCIES.join(', ')}, got "${opts.frequency}"` },
    ]);
  const horizon = opts.horizon !== undefined ? positiveInt('--horizon', opts.horizon, 366) : undefined;
  await withEngine(cmd, async (engine) => {
    const s = await engine.forecasts.run({ frequency, ...(horizon !== undefined ? { horizon } : {}) });
    console.log(
      `forecast ${s.series} series (${s.items} items) from ${s.periods} ${frequency}s of purchases; intervals ${s.intervalsCalibrated ? 'calibrated on backtests' : 'normal'}; global model ${s.globalModelUsed ? 'used' : 'not used'}`,
    );
  });
}
