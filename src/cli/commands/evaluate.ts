/** `daogou evaluate`: offline quality of the recommenders on a public dataset, one table row per model. */
import { Command, Option } from 'commander';
import { datasetsDir } from '../../datasets/location.js';
import { metricsRow } from '../../recommend/index.js';
import {
  EVAL_DATASETS,
  EVAL_MODELS,
  EVAL_PROTOCOLS,
  defaultEvalModels,
  evaluateModels,
  loadEvalDataset,
  splitFor,
} from '../../recommend/index.js';

/** The evaluate command. */
export function evaluateCommand(): Command {
  return new Command('evaluate')
    .description('evaluate recommenders on a public dataset (full ranking, seen items removed, k = 10)')
    .addOption(
      new Option('--dataset <name>', 'dataset in ../shared/datasets (or DAOGOU_DATASETS_DIR)')
        .choices(EVAL_DATASETS)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--protocol <p>',
        'leave-last-out (S3-Rec), random (75/25 per user, seed 42), stratified (75/25 by item) or time (first 80% of time trains); default per dataset',
      ).choices(EVAL_PROTOCOLS),
    )
    .option(
      '--models <list>',
      `comma-separated: ${EVAL_MODELS.join(', ')} (default all but visual: the public datasets have no images)`,
    )
    .option('--max-users <n>', 'evaluate a seeded sample of at most n users (0 = all)', '0')
    .option('--json', 'print JSON rows')
    .action(
      async (opts: {
        dataset: string;
        protocol?: (typeof EVAL_PROTOCOLS)[number];
        models?: string;
        maxUsers: string;
        json?: boolean;
      }) => {
        const models = (opts.models ?? defaultEvalModels({}).join(','))
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean);
        for (const m of models)
          if (!(EVAL_MODELS as readonly string[]).includes(m))
            throw new Error(`--models: unknown model "${m}"; choose from ${EVAL_MODELS.join(', ')}`);
        const maxUsers = Number(opts.maxUsers);
        if (!Number.isInteger(maxUsers) || maxUsers < 0)
          throw new Error(`--max-users must be a whole number, got "${opts.maxUsers}"`);
        const d = await loadEvalDataset(opts.dataset, datasetsDir());
        const protocol = opts.protocol ?? d.defaultProtocol;
        const split = splitFor(d.log, protocol);
        process.stderr.write(
          `${opts.dataset}: ${d.log.size.toLocaleString('en')} interactions, ${d.log.numUsers.toLocaleString('en')} users, ${d.log.numItems.toLocaleString('en')} items; protocol ${protocol}, ${split.test.size.toLocaleString('en')} test users\n`,
        );
        const rows = evaluateModels(d, split, protocol, models, {
          maxUsers,
          onModel: (r) =>
            process.stderr.write(
              `  ${r.model}: NDCG@10 ${r.metrics.ndcg.toFixed(4)} (fit ${r.fitSeconds.toFixed(1)} s)\n`,
            ),
        }).map((r) => ({ ...metricsRow(r.model, r.metrics, r.fitSeconds), users: r.metrics.users }));
        if (opts.json) console.log(JSON.stringify({ dataset: opts.dataset, protocol, rows }, null, 2));
        else console.log(table(rows));
      },
    );
}

/** A plain-text table with aligned columns. */
function table(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: string | number | undefined) => String(v ?? '');
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) =>
    vals.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [
    line(cols),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
  ].join('\n');
}
