/** `daogou openapi`: prints (or writes) the HTTP API's OpenAPI document, for client generators and linters. */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { buildApp } from '../../server/app.js';
import { withEngine } from '../context.js';

/** The openapi command. */
export function openapiCommand(): Command {
  return new Command('openapi')
    .description('print the OpenAPI 3.1 document of the HTTP API (no server is started)')
    .option('--out <file>', 'write it to a file instead of standard output')
    .action(async (opts: { out?: string }, cmd: Command) => {
      // An in-memory database: the document depends on the routes only, never on the store's contents.
      await withEngine(
        cmd,
        async (engine) => {
          const app = await buildApp(engine, { web: false });
          try {
            await app.ready();
            const text = JSON.stringify(app.swagger(), null, 2) + '\n';
            if (opts.out) writeFileSync(opts.out, text);
            else process.stdout.write(text);
          } finally {
            await app.close();
          }
        },
        { databaseUrl: 'sqlite::memory:', role: 'api', retrainHours: 0 },
      );
    });
}
