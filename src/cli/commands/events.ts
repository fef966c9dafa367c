/** `daogou events`: the event log's storage: retention of raw events and, on PostgreSQL, its month partitions. */
import { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { withEngine } from '../context.js';
import { positiveInt } from '../options.js';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The events command. */
export function eventsCommand(): Command {
  const events = new Command('events').description("the event log's storage: retention and month partitions");
  events
    .command('prune')
    .description(
      'drop raw events older than N days now (default DAOGOU_EVENT_RETENTION_DAYS), keeping daily aggregates',
    )
    .option('--days <n>', 'keep this many days of raw events', (v) => positiveInt('--days', v))
    .action(async (opts: { days?: number }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const days = opts.days ?? engine.eventRetention.retentionDays;
        if (days <= 0) {
          throw new ValidationError([
            { field: '--days', message: 'retention is off (DAOGOU_EVENT_RETENTION_DAYS is 0): name the days to keep' },
          ]);
        }
        const result = (await engine.eventRetention.prune(days))!;
        const whole =
          result.partitions.length > 0
            ? ` (${result.partitions.length} whole months: ${result.partitions.join(', ')})`
            : '';
        console.log(`dropped ${result.rows.toLocaleString('en')} events before ${day(result.cutoff)}${whole}`);
      });
    });
  events
    .command('partitions')
    .description('create the coming months\u2019 partitions and list them (PostgreSQL; SQLite keeps one table)')
    .action(async (_opts: object, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const created = await engine.eventRetention.prepare();
        const months = await engine.store.eventRetention.months();
        if (months.length === 0) {
          console.log(`${engine.store.dialect}: the event log is one table (no partitions)`);
          return;
        }
        for (const m of months)
          console.log(`${m.name}  ${day(m.from)} … ${day(m.to)}${created.includes(m.name) ? '  (new)' : ''}`);
      });
    });
  return events;
}
