/** `daogou datasets`: list known public datasets; fetch one (download, verify checksums) and import it. */
import path from 'node:path';
import { Command } from 'commander';
import { DATASETS, datasetFiles, fetchDataset, readDataset, requireDataset } from '../../datasets/index.js';
import { configFrom, withEngine } from '../context.js';
import { startProgress } from '../progress.js';
import { reportImport } from './import.js';

/** The datasets command. */
export function datasetsCommand(): Command {
  const datasets = new Command('datasets').description('public datasets: list, fetch (download and verify) and import');
  datasets
    .command('list')
    .description('the datasets Daogou knows, with their licences')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        console.log(
          JSON.stringify(
            DATASETS.map((d) => ({
              name: d.name,
              title: d.title,
              homepage: d.homepage,
              license: d.license,
              format: d.adapter.name,
              files: datasetFiles(d).map((f) => f.name),
            })),
          ),
        );
        return;
      }
      for (const d of DATASETS) {
        console.log(
          `${d.name.padEnd(24)} ${d.title}\n${' '.repeat(25)}format ${d.adapter.name}; ${d.homepage}\n${' '.repeat(25)}licence: ${d.license}\n`,
        );
      }
    });
  datasets
    .command('fetch')
    .description('download a dataset from its official source, verify every file’s SHA-256, and import it')
    .argument('<name>', `one of: ${DATASETS.map((d) => d.name).join(', ')}`)
    .option('--from <dir>', 'use files already on disk (the dataset folder or its parent) instead of downloading')
    .option('--cache-dir <dir>', 'where downloads are kept (default: <data dir>/datasets)')
    .option('--no-import', 'only download and verify')
    .option('--skip-invalid', 'import the valid records and report the invalid ones')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        name: string,
        opts: { from?: string; cacheDir?: string; import: boolean; skipInvalid?: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const info = requireDataset(name);
        const config = configFrom(cmd);
        const cacheDir = opts.cacheDir ?? path.join(config.dataDir, 'datasets');
        console.error(`${info.title}\nlicence: ${info.license}\ncredit: ${info.attribution}`);
        const download = startProgress(`downloading ${name}`, 0, 'bytes');
        const fetched = await fetchDataset(info, {
          cacheDir,
          ...(opts.from !== undefined ? { from: opts.from } : {}),
          onProgress: (p) => download.update(p.bytes, p.total),
        });
        download.finish(
          `${name}: ${Object.keys(fetched.files).length} files verified (${fetched.origin}: ${fetched.dir})`,
        );
        if (!opts.import) return;
        await withEngine(cmd, async (engine) => {
          const progress = startProgress(`importing ${name}`, 0, 'records');
          const result = await engine.imports.import(readDataset(fetched), {
            skipInvalid: Boolean(opts.skipInvalid),
            onProgress: (n) => progress.update(n),
          });
          progress.finish();
          reportImport(result, opts.json ? { json: true } : {});
        });
      },
    );
  return datasets;
}
