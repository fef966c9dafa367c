/** `daogou inventory`: items with tracked stock from the latest forecasting run, most at risk first. */
import { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { positiveInt } from '../options.js';
import { withEngine } from '../context.js';

const RISKS = ['stockout', 'reorder', 'ok', 'overstock'] as const;

interface Inventory {
  risk: string;
  stock: number;
  reorderPoint: number;
  safetyStock: number;
  daysOfCover: number | null;
  stockoutRisk: number;
  suggestedOrder: number;
}

/** The inventory command. */
export function inventoryCommand(): Command {
  return new Command('inventory')
    .description(
      'reorder point, safety stock, days of cover and stock-out risk per item from the latest forecasting run (run one with `daogou pricing run` or the forecast.run job)',
    )
    .option('--risk <list>', `only these flags, comma separated: ${RISKS.join(', ')}`)
    .option('--limit <n>', 'items to list', '50')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { risk?: string; limit: string; json?: boolean }, cmd: Command) => {
      const risks = opts.risk ? opts.risk.split(',').map((r) => r.trim()) : [...RISKS];
      const unknown = risks.filter((r) => !(RISKS as readonly string[]).includes(r));
      if (unknown.length > 0)
        throw new ValidationError([
          { field: '--risk', message: `unknown flag "${unknown.join(', ')}": use ${RISKS.join(', ')}` },
        ]);
      const limit = Math.min(positiveInt('--limit', opts.limit), 10_000);
      await withEngine(cmd, async (engine) => {
        const page = await engine.store.forecasts.list({
          level: 'item',
          riskRanks: risks.map((r) => (RISKS as readonly string[]).indexOf(r)),
          limit,
        });
        for (const s of page.series) {
          const inv = s.body.inventory as Inventory | undefined;
          if (!inv) continue;
          if (opts.json) {
            console.log(JSON.stringify({ key: s.key, label: s.label, ...inv, computedAt: new Date(s.computedAt) }));
            continue;
          }
          const cover = inv.daysOfCover === null ? '∞' : inv.daysOfCover.toFixed(0);
          console.log(
            `${inv.risk.padEnd(9)}  ${s.key}  ${s.label}  stock ${inv.stock}  cover ${cover} d  reorder point ${inv.reorderPoint.toFixed(0)}  safety ${inv.safetyStock.toFixed(0)}  order ${inv.suggestedOrder}  stock-out risk ${(inv.stockoutRisk * 100).toFixed(0)}%`,
          );
        }
        if (!opts.json) console.error(`${page.series.length} of ${page.total} items with tracked stock`);
      });
    });
}
