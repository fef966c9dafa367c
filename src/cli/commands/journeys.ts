/** `daogou journeys`: marketing automation from the command line — create, list, show, status, stats, preview, run. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ValidationError, toEpochMs } from '../../domain/index.js';
import { JOURNEY_TEMPLATES } from '../../journeys/index.js';
import { withEngine } from '../context.js';

function readJson(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    throw new ValidationError([
      { field: 'file', message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError([
      { field: 'file', message: `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
}

function definitionFrom(opts: { file?: string; template?: string }): unknown {
  if (opts.template) {
    const t = JOURNEY_TEMPLATES[opts.template];
    if (!t)
      throw new ValidationError([
        { field: 'template', message: `unknown template; one of: ${Object.keys(JOURNEY_TEMPLATES).join(', ')}` },
      ]);
    return t.definition;
  }
  if (!opts.file)
    throw new ValidationError([
      { field: 'file', message: 'give a journey JSON file (--file, - for standard input) or --template' },
    ]);
  return readJson(opts.file);
}

/** The journeys command. */
export function journeysCommand(): Command {
  const journeys = new Command('journeys').description(
    'marketing journeys: create, list, show, activate, pause, stats, preview, templates, run',
  );

  journeys
    .command('create')
    .description('create a journey from a JSON file or a ready template (as a draft unless the file says otherwise)')
    .option('--file <file>', 'journey JSON (- for standard input)')
    .option('--template <key>', `a ready journey: ${Object.keys(JOURNEY_TEMPLATES).join(', ')}`)
    .option('--activate', 'make it active at once')
    .action(async (opts: { file?: string; template?: string; activate?: boolean }, cmd: Command) => {
      const definition = definitionFrom(opts) as Record<string, unknown>;
      await withEngine(cmd, async (engine) => {
        const j = await engine.journeys.service.create(
          opts.activate ? { ...definition, status: 'active' } : definition,
        );
        console.log(`created journey ${j.id} "${j.name}" (${j.status}, version ${j.version})`);
      });
    });

  journeys
    .command('list')
    .description('every journey')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const list = await engine.journeys.service.list();
        if (opts.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('no journeys yet (daogou journeys create --template abandoned_cart)');
        for (const j of list) console.log(`${j.id}  ${j.status.padEnd(8)}  v${j.version}  ${j.name}`);
      });
    });

  journeys
    .command('templates')
    .description('the ready journeys')
    .action(() => {
      for (const [key, t] of Object.entries(JOURNEY_TEMPLATES))
        console.log(`${key.padEnd(20)} ${t.title} — ${t.description}`);
    });

  journeys
    .command('show')
    .description('one journey')
    .argument('<journey>', 'id or name')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) =>
        console.log(JSON.stringify(await engine.journeys.service.find(ref), null, 2)),
      );
    });

  for (const [name, status] of [
    ['activate', 'active'],
    ['pause', 'paused'],
    ['archive', 'archived'],
  ] as const) {
    journeys
      .command(name)
      .description(`set a journey ${status}`)
      .argument('<journey>', 'id or name')
      .action(async (ref: string, _opts: unknown, cmd: Command) => {
        await withEngine(cmd, async (engine) => {
          const j = await engine.journeys.service.find(ref);
          await engine.journeys.service.setStatus(j.id, status);
          console.log(`journey "${j.name}" is ${status}`);
        });
      });
  }

  journeys
    .command('stats')
    .description('funnel per step, exits by reason, conversions against the holdout')
    .argument('<journey>', 'id or name')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const j = await engine.journeys.service.find(ref);
        const s = await engine.journeys.service.stats(j.id);
        if (opts.json) return console.log(JSON.stringify(s, null, 2));
        console.log(
          `${j.name}: entered ${s.runs.entered}, in progress ${s.runs.active} (waiting for an event ${s.runs.waiting}), holdout ${s.runs.holdout}`,
        );
        for (const step of s.steps) {
          const msgs = Object.entries(step.messages)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ');
          console.log(
            `  ${step.node.padEnd(14)} ${step.type.padEnd(9)} reached ${String(step.entered).padStart(7)}${msgs ? `  messages: ${msgs}` : ''}${step.opened ? `  opened ${step.opened}` : ''}${step.clicked ? `  clicked ${step.clicked}` : ''}`,
          );
        }
        for (const [reason, n] of Object.entries(s.runs.byReason)) console.log(`  exit ${reason}: ${n}`);
        const c = s.conversion;
        console.log(
          `  converted (${c.event}): ${(c.treated.rate * 100).toFixed(1)}% of ${c.treated.runs}` +
            (c.lift === null
              ? ''
              : `, holdout ${(c.holdout.rate * 100).toFixed(1)}% of ${c.holdout.runs}, lift ${(c.lift * 100).toFixed(1)} points`),
        );
      });
    });

  journeys
    .command('preview')
    .description('dry run: replay stored history through a journey file; nothing is sent or stored')
    .option('--file <file>', 'journey JSON (- for standard input)')
    .option('--template <key>', 'a ready journey')
    .requiredOption('--from <time>', 'start of the history to replay (ISO 8601)')
    .option('--to <time>', 'end (default now)')
    .option('--json', 'print JSON')
    .action(
      async (opts: { file?: string; template?: string; from: string; to?: string; json?: boolean }, cmd: Command) => {
        const definition = definitionFrom(opts);
        const from = Date.parse(opts.from);
        if (Number.isNaN(from))
          throw new ValidationError([{ field: 'from', message: `"${opts.from}" is not a date or time` }]);
        await withEngine(cmd, async (engine) => {
          const r = await engine.journeys.preview.run(definition, {
            from,
            to: opts.to ? toEpochMs(opts.to) : engine.clock(),
          });
          if (opts.json) return console.log(JSON.stringify(r, null, 2));
          console.log(
            `${r.entered} entries by ${r.customers} customers; ${r.messages} messages to ${r.messagedCustomers} customers; still waiting ${r.stillWaiting}`,
          );
          for (const [reason, n] of Object.entries(r.exits)) console.log(`  exit ${reason}: ${n}`);
        });
      },
    );

  journeys
    .command('run')
    .description('run the journey runner now (what the worker does every second): read events, advance runs, send')
    .option('--until-idle', 'repeat until nothing is left to do')
    .action(async (opts: { untilIdle?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        for (;;) {
          const r = await engine.journeys.runner.tick();
          console.log(
            `events ${r.events}, entered ${r.entered}, advanced ${r.advanced}, exited ${r.exited}, queued ${r.queued}, sent ${r.sent}, failed ${r.failed}, skipped ${r.skipped}, deferred ${r.deferred}`,
          );
          if (!opts.untilIdle || r.events + r.advanced + r.sent + r.failed === 0) break;
        }
      });
    });

  return journeys;
}
