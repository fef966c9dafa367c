/** `daogou customers`: GDPR export and erasure from the command line. */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { withEngine } from '../context.js';
import { addCustomerAnalyticsCommands } from './customer-analytics.js';

/** The customers command (further subcommands are added by the customer-analytics capability). */
export function customersCommand(): Command {
  const customers = new Command('customers').description(
    'customer data: export, erase; analytics: analyse, profile, clv',
  );
  customers
    .command('export')
    .description('write everything held about a customer as JSON (GDPR access request)')
    .argument('<customer-id>')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (id: string, opts: { out?: string }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const data = JSON.stringify(await engine.privacy.export(id), null, 2);
        if (opts.out) {
          writeFileSync(opts.out, data);
          console.error(`wrote ${opts.out}`);
        } else console.log(data);
      });
    });
  customers
    .command('erase')
    .description('delete a customer and their personal data (GDPR erasure)')
    .argument('<customer-id>')
    .addOption(
      new Option('--events <mode>', 'delete their events, or keep them stripped of personal data').choices([
        'delete',
        'anonymise',
      ]),
    )
    .action(async (id: string, opts: { events?: 'delete' | 'anonymise' }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const result = await engine.privacy.erase(id, opts.events);
        console.log(
          `erased customer ${id}: customer record ${result.customerDeleted ? 'deleted' : 'absent'}, ${result.identitiesDeleted} identity links deleted, ${result.eventsAffected} events ${result.mode === 'delete' ? 'deleted' : 'anonymised'}`,
        );
      });
    });
  addCustomerAnalyticsCommands(customers);
  return customers;
}
