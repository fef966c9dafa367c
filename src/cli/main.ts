/** The `daogou` command line. */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { DaogouError, ValidationError } from '../domain/index.js';
import { assistantCommand } from './commands/assistant.js';
import { classifyCommand } from './commands/classify.js';
import { connectorsCommand } from './commands/connectors.js';
import { customersCommand } from './commands/customers.js';
import { datasetsCommand } from './commands/datasets.js';
import { evaluateCommand } from './commands/evaluate.js';
import { experimentsCommand } from './commands/experiments.js';

import { forecastCommand } from './commands/forecast.js';
import { inventoryCommand } from './commands/inventory.js';
import { importCommand } from './commands/import.js';
import { journeysCommand } from './commands/journeys.js';
import { keysCommand } from './commands/keys.js';
import { openapiCommand } from './commands/openapi.js';
import { pricingCommand } from './commands/pricing.js';
import { recommendCommand } from './commands/recommend.js';
import { searchBatchCommand } from './commands/search-batch.js';
import { searchCommand } from './commands/search.js';
import { segmentsCommand } from './commands/segments.js';
import { sentimentCommand, sentimentTrainCommand } from './commands/sentiment.js';
import { contentCommand } from './commands/content.js';
import { serveCommand } from './commands/serve.js';
import { statsCommand } from './commands/stats.js';
import { eventsCommand } from './commands/events.js';
import { trainCommand } from './commands/train.js';
import { visionCommand } from './commands/vision.js';

/** Builds the command tree. */
export function buildCli(): Command {
  const program = new Command('daogou')
    .description('Daogou (导购): a self-hosted AI engine for online stores')
    .version('0.1.0')
    .option(
      '--database <url>',
      'database URL: sqlite:<file> (default data/daogou.db) or postgres://… (env DAOGOU_DATABASE_URL)',
    )
    .option('--data-dir <dir>', 'data folder (env DAOGOU_DATA_DIR, default ./data)')
    .option(
      '--config <file>',
      'JSON file of settings, named like the environment variables in camelCase (env DAOGOU_CONFIG)',
    )
    .showHelpAfterError('(run with --help for usage)');
  program.addCommand(serveCommand());
  program.addCommand(importCommand());
  program.addCommand(datasetsCommand());
  program.addCommand(connectorsCommand());
  program.addCommand(keysCommand());
  program.addCommand(customersCommand());
  program.addCommand(segmentsCommand());
  program.addCommand(experimentsCommand());

  program.addCommand(journeysCommand());
  program.addCommand(statsCommand());
  program.addCommand(eventsCommand());
  program.addCommand(trainCommand());
  program.addCommand(evaluateCommand());
  program.addCommand(recommendCommand());
  program.addCommand(searchCommand());
  program.addCommand(searchBatchCommand());
  program.addCommand(classifyCommand());
  program.addCommand(assistantCommand());
  program.addCommand(openapiCommand());
  program.addCommand(visionCommand());
  program.addCommand(forecastCommand());
  program.addCommand(inventoryCommand());
  program.addCommand(pricingCommand());
  program.addCommand(sentimentCommand());
  program.addCommand(sentimentTrainCommand());
  program.addCommand(contentCommand());
  return program;
}

/** Every command in the tree (addCommand does not pass settings such as exitOverride down). */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** Runs the CLI; exits non-zero with a message that names the problem on any error. */
export async function runCli(argv: string[]): Promise<void> {
  const program = buildCli();
  // Throw instead of exiting, so errors are reported in one place below (and tests can run commands).
  for (const command of allCommands(program)) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof ValidationError) {
      console.error(`error: invalid input: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof DaogouError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DAOGOU_DEBUG) console.error(error);
    process.exitCode = 1;
  }
}

// Run directly (`tsx src/cli/main.ts …`, as `npm run dev` does), not only through bin/daogou.js.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) await runCli(process.argv);
