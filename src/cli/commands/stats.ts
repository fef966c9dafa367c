/** `daogou stats`: what the store holds. */
import { Command } from 'commander';
import { withEngine } from '../context.js';

/** The stats command. */
export function statsCommand(): Command {
  return new Command('stats')
    .description('counts of items, customers, events by type and channel, orders and revenue')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const stats = await engine.store.events.stats();
        const summary = {
          database: engine.store.displayUrl,
          items: await engine.store.items.count(),
          customers: await engine.store.customers.count(),
          events: stats,
        };
        if (opts.json) {
          console.log(JSON.stringify(summary, null, 2));
          return;
        }
        const span =
          stats.firstAt === null
            ? 'none'
            : `${new Date(stats.firstAt).toISOString().slice(0, 10)} … ${new Date(stats.lastAt!).toISOString().slice(0, 10)}`;
        console.log(`database   ${summary.database}`);
        console.log(`items      ${summary.items.toLocaleString('en')}`);
        console.log(`customers  ${summary.customers.toLocaleString('en')}`);
        console.log(`events     ${stats.total.toLocaleString('en')} (${span})`);
        for (const [type, n] of Object.entries(stats.byType).sort((a, b) => b[1] - a[1]))
          console.log(`  ${type.padEnd(18)} ${n.toLocaleString('en')}`);
        console.log(
          `channels   ${Object.entries(stats.byChannel)
            .map(([c, n]) => `${c} ${n.toLocaleString('en')}`)
            .join(', ')}`,
        );
        console.log(
          `orders     ${stats.orders.toLocaleString('en')}, revenue ${stats.revenue.toLocaleString('en', { maximumFractionDigits: 2 })}`,
        );
      });
    });
}
