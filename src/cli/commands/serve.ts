/** `daogou serve`: the HTTP API (and, with --demo, a demo store loaded into an empty database). */
import { Command } from 'commander';
import { buildApp } from '../../server/app.js';
import { createEngine } from '../../engine/engine.js';
import { prepareDemo } from '../../engine/demo.js';
import { configFrom } from '../context.js';
import { startProgress } from '../progress.js';

/** The serve command. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('start the Daogou HTTP API')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 7070)')
    .option('--host <host>', 'address to bind (default: DAOGOU_HOST or 127.0.0.1)')
    .option('--demo', 'on an empty database, first generate and load the demo store, and print demo keys')
    .action(async (opts: { port?: string; host?: string; demo?: boolean }, cmd: Command) => {
      const config = configFrom(cmd);
      if (opts.port !== undefined) {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error(`--port must be a port number, got "${opts.port}"`);
        config.port = port;
      }
      if (opts.host !== undefined) config.host = opts.host;
      const engine = await createEngine(config);
      let demo;
      if (opts.demo) {
        const progress = startProgress('loading demo store', 0, 'events');
        demo = await prepareDemo(engine, (done, total) => progress.update(done, total));
        progress.finish();
      }
      const app = await buildApp(engine, { logger: { level: config.logLevel } });
      const shutdown = async (signal: string) => {
        app.log.info(`${signal}: shutting down`);
        await app.close();
        await engine.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      const base = `http://${shown}:${config.port}`;
      const lines = [
        '',
        `Daogou is running at ${base}  (database: ${engine.store.displayUrl})`,
        `  API docs      ${base}/docs`,
        `  OpenAPI       ${base}/openapi.json`,
        `  health        ${base}/health`,
      ];
      if (demo) {
        lines.push(
          '',
          `Demo store: ${demo.summary}`,
          `  admin key     ${demo.adminKey}`,
          `  browser key   ${demo.publicKey}`,
          '  try:',
          `    curl -H "Authorization: Bearer ${demo.adminKey}" ${base}/v1/stats`,
          `    curl -H "Authorization: Bearer ${demo.adminKey}" ${base}/v1/items/${demo.sampleItemId}`,
          `    curl -H "Authorization: Bearer ${demo.adminKey}" "${base}/v1/customers/${demo.sampleCustomerId}/timeline?limit=5"`,
        );
      }
      console.log(lines.join('\n'));
    });
}
