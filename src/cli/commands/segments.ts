/** `daogou segments`: saved rule-based segments from the command line. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import type { Engine } from '../../engine/engine.js';
import type { SegmentRecord } from '../../store/repositories/segment-repository.js';
import { withEngine } from '../context.js';
import { positiveInt } from './customer-analytics.js';

const RULE_HELP = 'e.g. \'bought("女装", 30d) and churn_risk > 0.6\' (see docs/customers.md)';

/** The segments command. */
export function segmentsCommand(): Command {
  const segments = new Command('segments').description(
    'saved customer segments: create, list, show, members, export, delete, preview',
  );

  segments
    .command('create')
    .description('save a segment and compute its members')
    .requiredOption('--name <name>', 'a unique name')
    .requiredOption('--rule <rule>', RULE_HELP)
    .option('--description <text>', 'what the segment is for')
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; rule: string; description?: string; json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        await engine.customerAnalytics.profiles.catchUp();
        const s = await engine.customerAnalytics.segments.create(opts);
        if (opts.json) console.log(JSON.stringify(s));
        else console.log(`created segment ${s.id} "${s.name}" with ${s.size.toLocaleString('en')} members`);
      });
    });

  segments
    .command('list')
    .description('every segment with its size')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const list = await engine.customerAnalytics.segments.list();
        if (opts.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('no segments yet (daogou segments create --name N --rule R)');
        for (const s of list) console.log(`${s.id}  ${String(s.size).padStart(8)}  ${s.name}  — ${s.rule}`);
      });
    });

  segments
    .command('show')
    .description('one segment')
    .argument('<segment>', 'id or name')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) =>
        console.log(JSON.stringify(await engine.customerAnalytics.segments.find(ref), null, 2)),
      );
    });

  segments
    .command('members')
    .description('member customer ids, one a line')
    .argument('<segment>', 'id or name')
    .option('--limit <n>', 'at most this many (default 100)')
    .action(async (ref: string, opts: { limit?: string }, cmd: Command) => {
      const limit = positiveInt('--limit', opts.limit) ?? 100;
      await withEngine(cmd, async (engine) => {
        const s = await engine.customerAnalytics.segments.find(ref);
        for (const m of await engine.customerAnalytics.segments.members(s.id, { limit })) console.log(m.customerId);
      });
    });

  segments
    .command('export')
    .description('every member as CSV (customer_id,entered_at) or JSON')
    .argument('<segment>', 'id or name')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (ref: string, opts: { format: 'csv' | 'json'; out?: string }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const s = await engine.customerAnalytics.segments.find(ref);
        const n = await exportMembers(engine, s, opts.format, opts.out);
        if (opts.out) console.error(`wrote ${n.toLocaleString('en')} members of "${s.name}" to ${opts.out}`);
      });
    });

  segments
    .command('delete')
    .description('delete a segment and its membership')
    .argument('<segment>', 'id or name')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const s = await engine.customerAnalytics.segments.find(ref);
        await engine.customerAnalytics.segments.delete(s.id);
        console.log(`deleted segment ${s.id} "${s.name}"`);
      });
    });

  segments
    .command('preview')
    .description("a rule's size and a sample of members, without saving it")
    .argument('<rule>', RULE_HELP)
    .option('--sample <n>', 'how many member ids to show (default 10)')
    .option('--json', 'print JSON')
    .action(async (rule: string, opts: { sample?: string; json?: boolean }, cmd: Command) => {
      const sample = positiveInt('--sample', opts.sample) ?? 10;
      await withEngine(cmd, async (engine) => {
        await engine.customerAnalytics.profiles.catchUp();
        const p = await engine.customerAnalytics.segments.preview(rule, sample);
        if (opts.json) return console.log(JSON.stringify(p));
        console.log(`${p.size.toLocaleString('en')} customers match`);
        if (p.sample.length > 0) console.log(`e.g. ${p.sample.join(', ')}`);
      });
    });
  return segments;
}

/** Streams every member, a page at a time, to a file or standard output; returns how many. */
async function exportMembers(engine: Engine, s: SegmentRecord, format: 'csv' | 'json', out?: string): Promise<number> {
  const sink = out ? createWriteStream(out) : process.stdout;
  const write = async (text: string) => {
    if (!sink.write(text)) await once(sink, 'drain');
  };
  await write(format === 'csv' ? 'customer_id,entered_at\n' : '[');
  let n = 0;
  for (let after: string | undefined; ;) {
    const page = await engine.customerAnalytics.segments.members(s.id, {
      limit: 10_000,
      ...(after !== undefined ? { after } : {}),
    });
    for (const m of page) {
      const at = new Date(m.enteredAt).toISOString();
      await write(
        format === 'csv'
          ? `${/[",\r\n]/.test(m.customerId) ? `"${m.customerId.replace(/"/g, '""')}"` : m.customerId},${at}\n`
          : `${n > 0 ? ',' : ''}\n  ${JSON.stringify({ customerId: m.customerId, enteredAt: at })}`,
      );
      n++;
    }
    if (page.length < 10_000) break;
    after = page[page.length - 1]!.customerId;
  }
  if (format === 'json') await write(n > 0 ? '\n]\n' : ']\n');
  if (out) {
    (sink as ReturnType<typeof createWriteStream>).end();
    await once(sink, 'finish');
  }
  return n;
}
