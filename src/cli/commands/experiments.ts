/** `daogou experiments`: A/B tests and bandits from the command line, and a stateless analysis of summary sums. */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { summarizeMeans, summaryIssues, type AnalysisResult, type ExperimentInput } from '../../experiments/index.js';
import type { ExperimentRecord, MetricDefinition } from '../../store/repositories/experiment-repository.js';
import { withEngine } from '../context.js';

/** Reads the summary file for `analyze`; every problem is a ValidationError naming the field. */
async function readSummary(file: string): Promise<{ name: string; n: number; sum: number; sumSquares: number }[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ValidationError([
      { field: '--summary', message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` },
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidationError([{ field: '--summary', message: `${file} is not JSON: ${(error as Error).message}` }]);
  }
  const variants = (parsed as { variants?: unknown } | null)?.variants;
  if (!Array.isArray(variants)) {
    throw new ValidationError([
      { field: 'variants', message: `${file} needs {"variants": [{"name", "n", "sum", "sumSquares"}, …]}` },
    ]);
  }
  const issues = summaryIssues(variants);
  if (issues.length > 0) throw new ValidationError(issues);
  return variants as { name: string; n: number; sum: number; sumSquares: number }[];
}

const fmt = (x: number) => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(3));

function printAnalysis(name: string, a: AnalysisResult): void {
  console.log(`${name}: ${a.recommendation.text}`);
  console.log(
    `SRM: chi-square ${a.srm.chiSquare.toFixed(2)}, p = ${fmt(a.srm.pValue)}${a.srm.mismatch ? '  ← MISMATCH' : ''}`,
  );
  for (const m of a.metrics) {
    console.log(`\n${m.metric} (control ${m.control.variant}: n ${m.control.n}, mean ${fmt(m.control.mean)})`);
    for (const v of m.variants) {
      console.log(
        `  ${v.variant.padEnd(14)} n ${String(v.n).padStart(8)}  mean ${fmt(v.mean)}  uplift ${(v.relative.estimate * 100).toFixed(2)}% ` +
          `[${(v.relative.ci[0] * 100).toFixed(2)}%, ${(v.relative.ci[1] * 100).toFixed(2)}%]  p ${fmt(v.relative.pValue)}  ` +
          `adj. p ${fmt(v.adjustedPValue)}  P(beat) ${(v.chanceToBeatControl * 100).toFixed(1)}%${v.significant ? '  *' : ''}`,
      );
    }
  }
}

/** Parses `--metric name:type[:event]` options. */
function parseMetrics(values: string[] | undefined): MetricDefinition[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((spec) => {
    const [name = '', type = '', event] = spec.split(':');
    return { name, type: type as MetricDefinition['type'], ...(event ? { event } : {}) };
  });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function line(e: ExperimentRecord): string {
  return `${e.id}  ${e.status.padEnd(8)} ${e.kind.padEnd(6)} ${e.surface.padEnd(15)} ${e.name}  (${e.variants.map((v) => v.name).join(' / ')})`;
}

/** The experiments command. */
export function experimentsCommand(): Command {
  const experiments = new Command('experiments').description(
    'A/B tests and bandits: analyze, create, list, show, start, stop, results, attribution',
  );

  experiments
    .command('analyze')
    .description('analyse per-variant sums (fixed-horizon Welch t-test and delta method, 95% two-sided)')
    .requiredOption(
      '--summary <file>',
      'JSON: {"variants": [{"name", "n", "sum", "sumSquares"}, …]}, the first is the control',
    )
    .option('--alpha <alpha>', 'two-sided level', '0.05')
    .option('--json', 'print JSON')
    .action(async (opts: { summary: string; alpha: string; json?: boolean }) => {
      const alpha = Number(opts.alpha);
      if (!(alpha > 0 && alpha < 1))
        throw new ValidationError([{ field: '--alpha', message: 'must be between 0 and 1' }]);
      const out = summarizeMeans(await readSummary(opts.summary), alpha);
      if (opts.json) return console.log(JSON.stringify(out, null, 2));
      for (const v of out.variants) {
        console.log(
          `${v.name}: mean ${fmt(v.mean)}; absolute ${fmt(v.absolute.estimate)} [${fmt(v.absolute.ci[0])}, ${fmt(v.absolute.ci[1])}] p ${fmt(v.absolute.pValue)}; ` +
            `relative ${(v.relative.estimate * 100).toFixed(2)}% [${(v.relative.ci[0] * 100).toFixed(2)}%, ${(v.relative.ci[1] * 100).toFixed(2)}%] p ${fmt(v.relative.pValue)}`,
        );
      }
    });

  experiments
    .command('create')
    .description('create an experiment (running unless --draft)')
    .requiredOption('--name <name>', 'a unique name')
    .requiredOption('--surface <surface>', 'recommendations, search, journey, message, content or flag')
    .requiredOption(
      '--variants <names>',
      'comma-separated variant names, the control first (name=weight to weight them)',
    )
    .option(
      '--metric <name:type[:event]>',
      'a metric (repeat; the first is primary): conversion, click, add_to_cart, revenue, aov, custom',
      collect,
    )
    .option('--traffic <share>', 'share of visitors in the experiment, 0..1', '1')
    .option('--bandit', 'a Thompson-sampling bandit instead of a fixed split')
    .option('--fixed-horizon', 'decide with the fixed-horizon test instead of the sequential one')
    .option('--draft', 'save without starting')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: {
          name: string;
          surface: string;
          variants: string;
          metric?: string[];
          traffic: string;
          bandit?: boolean;
          fixedHorizon?: boolean;
          draft?: boolean;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const input: ExperimentInput = {
          name: opts.name,
          surface: opts.surface,
          kind: opts.bandit ? 'bandit' : 'ab',
          variants: opts.variants.split(',').map((s) => {
            const [name = '', weight] = s.trim().split('=');
            return { name, ...(weight !== undefined ? { weight: Number(weight) } : {}) };
          }),
          traffic: Number(opts.traffic),
          sequential: !opts.fixedHorizon,
          start: !opts.draft,
        };
        const metrics = parseMetrics(opts.metric);
        if (metrics) input.metrics = metrics;
        await withEngine(cmd, async (engine) => {
          const e = await engine.experiments.create(input);
          console.log(opts.json ? JSON.stringify(e, null, 2) : `created ${line(e)}`);
        });
      },
    );

  experiments
    .command('list')
    .description('every experiment, newest first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const list = await engine.experiments.list();
        if (opts.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log('no experiments yet (daogou experiments create --help)');
        for (const e of list) console.log(line(e));
      });
    });

  experiments
    .command('show')
    .description('one experiment')
    .argument('<experiment>', 'id or name')
    .action(async (ref: string, _opts: unknown, cmd: Command) => {
      await withEngine(cmd, async (engine) => console.log(JSON.stringify(await engine.experiments.get(ref), null, 2)));
    });

  for (const [name, verb] of [
    ['start', 'start'],
    ['stop', 'stop'],
  ] as const) {
    experiments
      .command(name)
      .description(`${verb} an experiment`)
      .argument('<experiment>', 'id or name')
      .action(async (ref: string, _opts: unknown, cmd: Command) => {
        await withEngine(cmd, async (engine) => console.log(line(await engine.experiments[verb](ref))));
      });
  }

  experiments
    .command('results')
    .description('compute and print the read-out now (also stored for the console)')
    .argument('<experiment>', 'id or name')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }, cmd: Command) => {
      await withEngine(cmd, async (engine) => {
        const e = await engine.experiments.get(ref);
        const r = await engine.experiments.computeResults(e.id);
        if (opts.json) return console.log(JSON.stringify(r.results, null, 2));
        printAnalysis(e.name, r.results.analysis);
      });
    });

  experiments
    .command('attribution')
    .description('orders attributed to touchpoints under six models')
    .option('--days <days>', 'look back this many days', '30')
    .option('--json', 'print JSON')
    .action(async (opts: { days: string; json?: boolean }, cmd: Command) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1)
        throw new ValidationError([{ field: '--days', message: 'must be a positive integer' }]);
      await withEngine(cmd, async (engine) => {
        const report = await engine.experiments.attribution(days);
        if (opts.json) return console.log(JSON.stringify(report, null, 2));
        console.log(
          `${report.conversions} orders (${report.revenue.toFixed(2)} revenue) from ${report.journeys} journeys`,
        );
        for (const [model, credits] of Object.entries(report.models)) {
          console.log(`\n${model}`);
          for (const c of credits.slice(0, 10))
            console.log(
              `  ${c.channel.padEnd(32)} ${c.conversions.toFixed(1).padStart(8)}  ${c.value.toFixed(2).padStart(12)}`,
            );
        }
      });
    });

  return experiments;
}
