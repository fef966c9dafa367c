/** `daogou import`: stream CSV/JSONL files (ours or a public format) into the store, all or nothing. */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ValidationError } from '../../domain/index.js';
import { ADAPTERS, findAdapter, type DatasetAdapter } from '../../datasets/adapters/index.js';
import type { ReadResult } from '../../datasets/parse-issue.js';
import { readRecords } from '../../datasets/read-records.js';
import type { RecordKind } from '../../datasets/source-record.js';
import type { ImportResult } from '../../platform/index.js';
import { withEngine } from '../context.js';
import { startProgress } from '../progress.js';

interface ImportOptions {
  kind?: RecordKind;
  items?: string[];
  customers?: string[];
  events?: string[];
  format?: string;
  skipInvalid?: boolean;
  rejects?: string;
  strict?: boolean;
  json?: boolean;
}

/** Paths of an adapter's files from a folder or a list of files named as in the public distribution. */
export function adapterPaths(adapter: DatasetAdapter, inputs: string[]): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const input of inputs) {
    if (!existsSync(input)) throw new ValidationError([{ field: 'file', message: `${input} does not exist` }]);
    if (statSync(input).isDirectory()) {
      for (const f of adapter.files) {
        const candidate = path.join(input, f.defaultName);
        if (existsSync(candidate)) paths[f.role] = candidate;
      }
      continue;
    }
    const match =
      adapter.files.find((f) => f.defaultName === path.basename(input)) ??
      (adapter.files.length === 1 ? adapter.files[0] : undefined);
    if (!match) {
      throw new ValidationError([
        {
          field: 'file',
          message: `${input}: ${adapter.name} expects files named ${adapter.files.map((f) => f.defaultName).join(', ')}`,
        },
      ]);
    }
    paths[match.role] = input;
  }
  for (const f of adapter.files) {
    if (!f.optional && !paths[f.role]) {
      throw new ValidationError([
        { field: f.role, message: `${adapter.name} needs ${f.defaultName} (${f.description})` },
      ]);
    }
  }
  return paths;
}

/** Prints an import's outcome and writes the reject report. */
export function reportImport(result: ImportResult, opts: { json?: boolean; rejects?: string }): void {
  if (opts.rejects && result.rejected.length > 0) {
    writeFileSync(opts.rejects, result.rejected.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  if (opts.json) {
    console.log(JSON.stringify({ ...result, rejected: result.rejected.length }));
    return;
  }
  const rate = Math.round(result.read / Math.max(result.elapsedMs / 1000, 0.001));
  console.log(
    `imported ${result.imported.items.toLocaleString('en')} items, ${result.imported.customers.toLocaleString('en')} customers, ${result.imported.events.toLocaleString('en')} events` +
      ` (${result.duplicateEvents.toLocaleString('en')} duplicate events skipped) from ${result.read.toLocaleString('en')} records in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate.toLocaleString('en')}/s)`,
  );
  if (result.rejected.length > 0) {
    console.log(
      `rejected ${result.rejected.length.toLocaleString('en')} invalid records${opts.rejects ? `; see ${opts.rejects}` : ''}`,
    );
    for (const r of result.rejected.slice(0, 5)) {
      console.log(`  ${r.file}:${r.line}: ${r.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    }
  }
}

/** The import command. */
export function importCommand(): Command {
  return new Command('import')
    .description('import items, customers and events from CSV or JSONL files, or a public dataset format')
    .argument('[files...]', 'files of one kind (with --kind), or the files/folder of a --format dataset')
    .addOption(new Option('--kind <kind>', 'what the positional files hold').choices(['items', 'customers', 'events']))
    .option('--items <files...>', 'item files (CSV/JSONL)')
    .option('--customers <files...>', 'customer files (CSV/JSONL)')
    .option('--events <files...>', 'event files (CSV/JSONL)')
    .addOption(new Option('--format <name>', 'a public dataset format').choices(ADAPTERS.map((a) => a.name)))
    .option(
      '--skip-invalid',
      'import the valid records and report the invalid ones (default: stop at the first, import nothing)',
    )
    .option('--rejects <file>', 'with --skip-invalid: write rejected records as JSONL here', 'import-rejects.jsonl')
    .option('--strict', 'reject events naming items not in the catalogue')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  daogou import --items items.csv --events events.jsonl\n  daogou import --kind events events-2026-*.jsonl.gz --skip-invalid\n  daogou import --format movielens ../shared/datasets/movielens-latest-small\n\nFormats: ${ADAPTERS.map((a) => `${a.name} (${a.description})`).join('; ')}`,
    )
    .action(async (files: string[], opts: ImportOptions, cmd: Command) => {
      const sources: AsyncIterable<ReadResult>[] = [];
      if (opts.format) {
        const adapter = findAdapter(opts.format)!;
        sources.push(adapter.read(adapterPaths(adapter, files)));
      } else {
        if (files.length > 0 && !opts.kind)
          throw new ValidationError([
            { field: 'kind', message: 'say what the files hold: --kind items|customers|events' },
          ]);
        const byKind: [RecordKind, string[]][] = [
          ['items', [...(opts.items ?? []), ...(opts.kind === 'items' ? files : [])]],
          ['customers', [...(opts.customers ?? []), ...(opts.kind === 'customers' ? files : [])]],
          ['events', [...(opts.events ?? []), ...(opts.kind === 'events' ? files : [])]],
        ];
        for (const [kind, paths] of byKind) {
          for (const p of paths) {
            if (!existsSync(p)) throw new ValidationError([{ field: 'file', message: `${p} does not exist` }]);
            sources.push(readRecords(p, kind));
          }
        }
        if (sources.length === 0)
          throw new ValidationError([
            {
              field: 'files',
              message: 'nothing to import: give files with --items, --customers, --events, --kind or --format',
            },
          ]);
      }
      await withEngine(cmd, async (engine) => {
        const progress = startProgress('importing', 0, 'records');
        try {
          const result = await engine.imports.import(sources, {
            skipInvalid: Boolean(opts.skipInvalid),
            strict: Boolean(opts.strict),
            onProgress: (n) => progress.update(n),
          });
          progress.finish();
          reportImport(result, {
            ...(opts.json ? { json: true } : {}),
            ...(opts.skipInvalid && opts.rejects ? { rejects: opts.rejects } : {}),
          });
        } catch (error) {
          progress.finish();
          throw error;
        }
      });
    });
}
