/** `daogou pricing run|list|accept|reject`: price suggestions on the store's own data. */
import { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import type { PriceEnding } from '../../pricing/index.js';
import { withEngine } from '../context.js';

const ENDINGS = ['0.99', '0.95', '0.90', 'whole', 'none'];

function share(flag: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!(v >= 0 && v < max))
    throw new ValidationError([{ field: flag, message: `must be a share from 0 to below ${max}, got "${text}"` }]);
  return v;
}

/** The pricing command. */
export function pricingCommand(): Command {
  const pricing = new Command('pricing').description('price elasticities and suggested prices from the purchase log');
  pricing
    .command('run')
    .description('forecast demand, estimate elasticities and store fresh price suggestions')
    .option('--objective <profit|revenue>', 'what to maximise', 'profit')
    .option('--max-change <share>', 'largest price change, e.g. 0.1 for ±10%', '0.1')
    .option('--min-margin <share>', "least margin over an item's cost attribute", '0.1')
    .option('--ending <ending>', `price ending: ${ENDINGS.join(', ')}`, 'none')
    .option('--no-forecast', 'use the stored forecasts instead of forecasting first')
    .action(
      async (
        opts: { objective: string; maxChange: string; minMargin: string; ending: string; forecast: boolean },
        cmd: Command,
      ) => {
        if (opts.objective !== 'profit' && opts.objective !== 'revenue')
          throw new ValidationError([
            { field: '--objective', message: `must be profit or revenue, got "${opts.objective}"` },
          ]);
        if (!ENDINGS.includes(opts.ending))
          throw new ValidationError([
            { field: '--ending', message: `must be one of ${ENDINGS.join(', ')}, got "${opts.ending}"` },
          ]);
        const rails = {
          maxChange: share('--max-change', opts.maxChange, 0.9)!,
          minMargin: share('--min-margin', opts.minMargin, 1)!,
          ending: opts.ending as PriceEnding,
        };
        await withEngine(cmd, async (engine) => {
          if (opts.forecast) {
            const f = await engine.forecasts.run();
            console.error(`forecast ${f.series} series (${f.items} items) over ${f.periods} weeks`);
          }
          const r = await engine.pricing.run({ objective: opts.objective as 'profit' | 'revenue', rails });
          console.log(`${r.suggestions} suggestions for ${r.items} items (${r.varied} with their own price variation)`);
        });
      },
    );
  pricing
    .command('list')
    .description('list suggestions')
    .option('--status <status>', 'pending, accepted, rejected or superseded', 'pending')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { status: string; json?: boolean }, cmd: Command) => {
      if (!['pending', 'accepted', 'rejected', 'superseded'].includes(opts.status))
        throw new ValidationError([{ field: '--status', message: `unknown status "${opts.status}"` }]);
      await withEngine(cmd, async (engine) => {
        const list = await engine.pricing.list(opts.status as 'pending');
        for (const s of list) {
          if (opts.json) console.log(JSON.stringify(s));
          else
            console.log(
              `${s.id}  ${s.itemId}  ${s.currentPrice} → ${s.suggestedPrice}  ${typeof s.body.explanation === 'string' ? s.body.explanation : ''}`,
            );
        }
        if (!opts.json) console.error(`${list.length} ${opts.status} suggestions`);
      });
    });
  for (const [name, decision] of [
    ['accept', 'accepted'],
    ['reject', 'rejected'],
  ] as const) {
    pricing
      .command(name)
      .description(name === 'accept' ? "accept a suggestion (sets the item's price)" : 'reject a suggestion')
      .argument('<id>', 'suggestion id')
      .action(async (id: string, _opts: unknown, cmd: Command) => {
        await withEngine(cmd, async (engine) => {
          const s = await engine.pricing.decide(id, decision);
          console.log(
            `${s.id} ${s.status}: ${s.itemId} ${decision === 'accepted' ? `now ${s.suggestedPrice}` : `stays ${s.currentPrice}`}`,
          );
        });
      });
  }
  return pricing;
}
